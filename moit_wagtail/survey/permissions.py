"""Who may read and moderate survey responses: the page permissions on the survey page.

A response belongs to the unit whose site holds the survey, so the unit's own page
permissions decide, with no extra group set-up: whoever may edit the survey page (editors,
approvers, admins of that unit) may read its responses; whoever may publish it (approvers
and admins) may publish or hide comments, since approving a comment publishes it. Nobody
adds, edits scores or deletes responses from the admin: the results must stay the
visitors' answers.
"""

from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ACTIONS = {"view": {"change", "publish"}, "change": {"publish"}}


class SurveyResponsePermissionPolicy(BasePermissionPolicy):
    def __init__(self, model):
        super().__init__(model)
        from .models import SurveyPage

        self.pages = PagePermissionPolicy(SurveyPage)

    def user_has_permission(self, user, action):
        actions = PAGE_ACTIONS.get(action)
        return bool(actions) and self.pages.user_has_any_permission(user, actions)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        actions = PAGE_ACTIONS.get(action)
        return bool(actions) and self.pages.user_has_any_permission_for_instance(
            user, actions, instance.survey
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )

    def instances_user_has_any_permission_for(self, user, actions):
        page_actions = set().union(*(PAGE_ACTIONS.get(action, set()) for action in actions))
        if not page_actions:
            return self.model._default_manager.none()
        surveys = self.pages.instances_user_has_any_permission_for(user, page_actions)
        return self.model._default_manager.filter(survey__in=surveys.values("pk"))

    def users_with_any_permission(self, actions):
        page_actions = set().union(*(PAGE_ACTIONS.get(action, set()) for action in actions))
        return self.pages.users_with_any_permission(page_actions)
