"""The public site's shared parts: policy pages, HTML sitemap, footer settings, consent."""
