/*
 * The Buddhist-era date in words beside Wagtail's admin date inputs, kept up to date as
 * the value changes (typed, or picked: the picker dispatches "change"). The server renders
 * the first hint and reads the value the same way (moit_wagtail/date_inputs.py); the
 * texts come from the page (#moit-be-hint-strings), in the admin's language.
 */
(() => {
  "use strict";

  const source = document.getElementById("moit-be-hint-strings");
  if (!source) return;
  const strings = JSON.parse(source.textContent);
  const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
  const pad = (number) => String(number).padStart(2, "0");
  const fill = (text, values) => text.replace(/%\((\w+)\)s/g, (_, key) => values[key]);
  const westernDigits = (text) =>
    text.replace(/[\u0E50-\u0E59]/g, (digit) => String(digit.charCodeAt(0) - 0x0e50));

  /* {date: [y, m, d], time: [h, min] | null, typedBe} in C.E., or null if not a date. */
  function parse(text, withTime) {
    const match = ISO.exec(westernDigits(text).trim());
    if (!match || (match[4] !== undefined && !withTime)) return null;
    let year = Number(match[1]);
    const typedBe = year >= strings.first_be_year;
    if (typedBe) year -= strings.offset;
    const month = Number(match[2]);
    const day = Number(match[3]);
    const check = new Date(Date.UTC(2000, month - 1, day));
    check.setUTCFullYear(year);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
      return null;
    }
    let time = null;
    if (match[4] !== undefined) {
      time = [Number(match[4]), Number(match[5])];
      const seconds = match[6] === undefined ? 0 : Number(match[6]);
      if (time[0] > 23 || time[1] > 59 || seconds > 59) return null;
    }
    return { date: [year, month, day], time, typedBe };
  }

  function hint(text, withTime) {
    if (text.trim() === "") return { text: "", invalid: false };
    const value = parse(text, withTime);
    if (!value) {
      return { text: withTime ? strings.invalid_datetime : strings.invalid_date, invalid: true };
    }
    const [year, month, day] = value.date;
    const beYear = year + strings.offset;
    let words = `${day} ${strings.months[month - 1]} ${beYear}`;
    let iso = `${year}-${pad(month)}-${pad(day)}`;
    if (value.time) {
      const time = `${pad(value.time[0])}:${pad(value.time[1])}`;
      words = fill(strings.date_time, { date: words, time });
      iso = `${iso} ${time}`;
    }
    let result = fill(strings.be, { year: beYear, date: words });
    if (value.typedBe) result = fill(strings.saved_as, { hint: result, iso });
    return { text: result, invalid: false };
  }

  function update(input) {
    const target = input.id && document.getElementById(`${input.id}-be-hint`);
    if (!target) return;
    const { text, invalid } = hint(input.value, input.dataset.moitBeDate === "datetime");
    if (target.textContent !== text) target.textContent = text;
    target.classList.toggle("moit-be-hint--invalid", invalid);
  }

  const onEvent = (event) => {
    if (event.target instanceof HTMLInputElement && event.target.dataset.moitBeDate) {
      update(event.target);
    }
  };
  document.addEventListener("input", onEvent);
  document.addEventListener("change", onEvent);
})();
