"""Wiring: pages Wagtail serves are counted; the 1.10 page shows the statistics report."""

from wagtail import hooks

from moit_wagtail.pages.statistics_sections import StatisticsSection

from .rules import PAGE_FLAG


@hooks.register("before_serve_page")
def mark_page_request(page, request, serve_args, serve_kwargs):
    setattr(request, PAGE_FLAG, True)


@hooks.register("register_moit_statistics_sections")
def visitor_statistics_section(page, request):
    return StatisticsSection("moit_stats/statistics_section.html", order=200)
