"""Pages of the module (included at the site root)."""

from django.urls import path

from . import feeds, views

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("org/<slug:slug>/search/", views.search, name="search_org"),
    path("feeds/new.atom", feeds.NewFeed(), name="feed"),
    path("feeds/<slug:module>.atom", feeds.NewFeed(), name="feed_module"),
    path("feeds/follow/<slug:kind>/<id:pk>.atom", feeds.FollowFeed(), name="feed_follow"),
    path("org/<slug:slug>/feeds/new.atom", feeds.NewFeed(), name="feed_org"),
    path("org/<slug:slug>/feeds/<slug:module>.atom", feeds.NewFeed(), name="feed_org_module"),
]
