package io.pandu.api;

import io.pandu.preview.Previews;
import io.vertx.ext.web.openapi.router.RouterBuilder;

/** The impact preview of a draft: start it (202, runs in the background) and read its progress. */
final class PreviewRoutes {
    private final Previews previews;

    PreviewRoutes(Previews previews) {
        this.previews = previews;
    }

    void mount(RouterBuilder api) {
        api.getRoute("previewRuleDraft")
                .addHandler(
                        rc ->
                                Reply.json(
                                        rc,
                                        () -> previews.start(Params.path(rc, "id")),
                                        status -> 202));
        api.getRoute("getRuleDraftPreview")
                .addHandler(rc -> Reply.ok(rc, () -> previews.status(Params.path(rc, "id"))));
    }
}
