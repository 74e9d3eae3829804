package org.atlasops.server.layers;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.atlasops.kb.failure.BadInputException;
import org.atlasops.navigator.LayerIssue;
import org.atlasops.navigator.LinkItem;
import org.atlasops.navigator.MetadataItem;
import org.atlasops.navigator.RgbColor;
import org.atlasops.navigator.TechniqueAnnotation;
import org.atlasops.navigator.format.LayerWriter;
import org.atlasops.navigator.matrix.AnnotatedMatrix;
import org.atlasops.navigator.matrix.Cell;
import org.atlasops.navigator.matrix.Column;
import org.atlasops.navigator.upgrade.UpgradeChange;
import org.atlasops.server.web.Html;
import org.atlasops.server.web.JsonBody;
import org.atlasops.store.LayerRevision;
import org.atlasops.store.ListedLayer;
import org.atlasops.store.StoredLayer;
import org.atlasops.store.UnreadableLayer;

/**
 * The layer API's request and answer bodies, as records Jackson maps (the OpenAPI schemas are generated from them):
 * stored layers, their history, and a layer drawn over its release (the workspace's view).
 */
final class LayerJson {
    private LayerJson() {}

    // ---- requests

    /** {@code POST /api/v1/layers/import}. */
    record ImportRequest(
            @JsonPropertyDescription("an https URL of a Navigator layer file")
            String url) {
        ImportRequest {
            JsonBody.required(url, "url");
        }
    }

    /** {@code POST /api/v1/layers/generate}. */
    record GenerateRequest(
            @JsonPropertyDescription("matrix, case-study-frequency, case-study, maturity or search")
            String kind,

            @JsonPropertyDescription("the ATLAS release (default: the server's)")
            Optional<String> release,

            @JsonPropertyDescription("the search, for kind search")
            Optional<String> query,

            @JsonProperty("case_study") @JsonPropertyDescription("the case study ID, for kind case-study")
            Optional<String> caseStudy,

            @JsonProperty("roll_up")
            @JsonPropertyDescription("count sub-techniques under their parent, for kind " + "case-study-frequency")
            Optional<Boolean> rollUp,

            @JsonPropertyDescription("the new layer's name") Optional<String> name) {
        GenerateRequest {
            JsonBody.required(kind, "kind");
            Objects.requireNonNull(release, "release");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(caseStudy, "caseStudy");
            Objects.requireNonNull(rollUp, "rollUp");
            Objects.requireNonNull(name, "name");
        }
    }

    /** {@code POST /api/v1/layers/combine}. */
    record CombineRequest(
            @JsonPropertyDescription("stored layer ids; the first is a in the expression, the second b, and so on")
            List<Long> layers,

            @JsonPropertyDescription("a score expression over a, b, c..., e.g. a + b")
            String expression,

            @JsonPropertyDescription("the new layer's name (default: combined: EXPRESSION)")
            Optional<String> name,

            @JsonProperty("inherit_from")
            @JsonPropertyDescription(
                    "one of the ids, whose colours, comments, links " + "and metadata the result keeps")
            Optional<Long> inheritFrom) {
        CombineRequest {
            if (layers == null || layers.isEmpty()) {
                throw new BadInputException("'layers' must be a non-empty array of stored layer ids; the first is "
                        + "a, the second b, and so on");
            }
            if (layers.contains(null)) {
                throw new BadInputException("'layers' holds null, which is not a layer id");
            }
            layers = List.copyOf(layers);
            JsonBody.required(expression, "expression");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inheritFrom, "inheritFrom");
        }
    }

    /** {@code PUT /api/v1/layers/{id}}. */
    record SaveRequest(
            @JsonPropertyDescription("the whole layer, as Navigator JSON")
            ObjectNode layer,

            @JsonProperty("based_on")
            @JsonPropertyDescription(
                    "the revision edited; refused with 409 when it is no " + "longer current (or send If-Match)")
            Optional<Integer> basedOn,

            @JsonPropertyDescription("what changed, for the history")
            Optional<String> summary) {
        SaveRequest {
            if (layer == null) {
                throw new BadInputException(
                        "'layer' is missing: send {\"layer\": {...Navigator layer...}, " + "\"based_on\": N}");
            }
            Objects.requireNonNull(basedOn, "basedOn");
            Objects.requireNonNull(summary, "summary");
        }
    }

    // ---- answers

    /** One entry of the layer list; a layer whose stored content no longer reads is listed with the reason. */
    record LayerSummary(
            long id,
            String name,
            String owner,
            int revision,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt,

            @JsonPropertyDescription("how many technique entries the layer has (absent when it is unreadable)")
            Optional<Integer> entries,

            @JsonProperty("atlas_version") Optional<String> atlasVersion,

            @JsonPropertyDescription("why the stored layer cannot be read; its owner or an admin can delete it")
            Optional<String> unreadable) {
        static LayerSummary of(ListedLayer listed) {
            if (listed instanceof StoredLayer s) {
                return new LayerSummary(
                        s.id(),
                        s.name(),
                        s.owner(),
                        s.revision(),
                        s.createdAt(),
                        s.updatedAt(),
                        Optional.of(s.layer().techniques().size()),
                        s.layer().atlasVersion(),
                        Optional.empty());
            }
            UnreadableLayer u = (UnreadableLayer) listed;
            return new LayerSummary(
                    u.id(),
                    u.name(),
                    u.owner(),
                    u.revision(),
                    u.createdAt(),
                    u.updatedAt(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(u.problem()));
        }
    }

    /** A page of the layer list; {@code next} links the following page while more follow. */
    record LayerPage(List<LayerSummary> layers, long total, int offset, int limit, Optional<String> next) {
        LayerPage {
            layers = List.copyOf(layers);
        }
    }

    /**
     * A stored layer with its Navigator JSON, and what the operation adds: validation issues (create, get), the
     * view (save, undo), the changes and the entries not carried (upgrade).
     */
    record LayerBody(
            long id,
            String name,
            String owner,
            int revision,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt,
            int entries,
            @JsonProperty("atlas_version") Optional<String> atlasVersion,

            @JsonPropertyDescription("the layer as Navigator 4.5 JSON")
            ObjectNode layer,

            Optional<List<Issue>> issues,
            Optional<LayerView> view,
            Optional<List<Change>> changes,

            @JsonProperty("not_carried")
            @JsonPropertyDescription("entries the upgrade could not carry " + "over, as Navigator JSON")
            Optional<List<ObjectNode>> notCarried) {
        static LayerBody of(StoredLayer s) {
            return new LayerBody(
                    s.id(),
                    s.name(),
                    s.owner(),
                    s.revision(),
                    s.createdAt(),
                    s.updatedAt(),
                    s.layer().techniques().size(),
                    s.layer().atlasVersion(),
                    LayerWriter.toTree(s.layer()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty());
        }

        LayerBody withIssues(List<LayerIssue> found) {
            return new LayerBody(
                    id,
                    name,
                    owner,
                    revision,
                    createdAt,
                    updatedAt,
                    entries,
                    atlasVersion,
                    layer,
                    Optional.of(found.stream().map(Issue::of).toList()),
                    view,
                    changes,
                    notCarried);
        }

        LayerBody withView(LayerView v) {
            return new LayerBody(
                    id,
                    name,
                    owner,
                    revision,
                    createdAt,
                    updatedAt,
                    entries,
                    atlasVersion,
                    layer,
                    issues,
                    Optional.of(v),
                    changes,
                    notCarried);
        }

        LayerBody withUpgrade(List<UpgradeChange> done, List<TechniqueAnnotation> lost) {
            return new LayerBody(
                    id,
                    name,
                    owner,
                    revision,
                    createdAt,
                    updatedAt,
                    entries,
                    atlasVersion,
                    layer,
                    issues,
                    view,
                    Optional.of(done.stream().map(Change::of).toList()),
                    Optional.of(lost.stream().map(LayerWriter::technique).toList()));
        }
    }

    /** A validation finding: severity error, warning or info, the place, and what is wrong. */
    record Issue(String severity, String where, String message) {
        static Issue of(LayerIssue i) {
            return new Issue(i.severity().name().toLowerCase(Locale.ROOT), i.where(), i.message());
        }
    }

    /** What an upgrade did to one entry. */
    record Change(String kind, String entry, String detail) {
        static Change of(UpgradeChange c) {
            return new Change(c.kind().name().toLowerCase(Locale.ROOT), c.entry(), c.detail());
        }
    }

    /** Who saved which revision, newest first. */
    record History(long id, List<Revision> revisions) {
        History {
            revisions = List.copyOf(revisions);
        }

        static History of(long id, List<LayerRevision> revisions) {
            return new History(
                    id,
                    revisions.stream()
                            .map(r -> new Revision(r.revision(), r.author(), r.summary(), r.createdAt()))
                            .toList());
        }
    }

    record Revision(int revision, String author, String summary, Instant at) {}

    /**
     * The matrix as the layer paints it: fills, text colours, scores and aggregates come from the engine; links
     * carry an {@code href} only when their URL may be followed (http or https).
     */
    record LayerView(
            String release,
            List<ViewColumn> columns,
            int unplaced,

            @JsonPropertyDescription("the stored revision drawn (the view endpoint)")
            Optional<Integer> revision,

            @JsonPropertyDescription("the layer's own links")
            Optional<List<LinkView>> links,

            @JsonPropertyDescription("the layer's own metadata")
            Optional<List<MetadataView>> metadata) {
        static LayerView of(AnnotatedMatrix m) {
            return new LayerView(
                    m.knowledgeBase().version(),
                    m.columns().stream().map(ViewColumn::of).toList(),
                    m.unplaced().size(),
                    Optional.empty(),
                    LinkView.all(m.layer().links()),
                    MetadataView.all(m.layer().metadata()));
        }

        LayerView atRevision(int r) {
            return new LayerView(release, columns, unplaced, Optional.of(r), links, metadata);
        }
    }

    record ViewColumn(String tactic, String name, String shortname, List<ViewCell> cells) {
        static ViewColumn of(Column c) {
            return new ViewColumn(
                    c.tactic().id().value(),
                    c.tactic().name(),
                    c.tactic().shortname(),
                    c.cells().stream().map(ViewCell::of).toList());
        }
    }

    record ViewCell(
            String technique,
            String tactic,
            String name,
            boolean enabled,
            boolean annotated,
            String comment,

            @JsonPropertyDescription("the text colour that reads on the fill")
            String text,

            Optional<Double> score,
            Optional<Double> aggregate,

            @JsonPropertyDescription("the colour the cell is painted")
            Optional<String> fill,

            @JsonPropertyDescription("the entry's own colour, as the layer gives it")
            Optional<String> color,

            Optional<Boolean> expanded,
            Optional<List<ViewCell>> subtechniques,
            Optional<List<LinkView>> links,
            Optional<List<MetadataView>> metadata) {
        static ViewCell of(Cell c) {
            Optional<TechniqueAnnotation> a = c.annotation();
            boolean parent = !c.subTechniques().isEmpty();
            return new ViewCell(
                    c.techniqueId(),
                    c.tactic().shortname(),
                    c.displayName(),
                    c.enabled(),
                    c.annotated(),
                    c.comment(),
                    c.textColor().hex(),
                    boxed(c.score()),
                    boxed(c.aggregateScore()),
                    c.fill().map(RgbColor::hex),
                    a.map(TechniqueAnnotation::color).filter(col -> !col.isEmpty()),
                    parent ? Optional.of(c.expanded()) : Optional.empty(),
                    parent
                            ? Optional.of(
                                    c.subTechniques().stream().map(ViewCell::of).toList())
                            : Optional.empty(),
                    a.flatMap(x -> LinkView.all(x.links())),
                    a.flatMap(x -> MetadataView.all(x.metadata())));
        }
    }

    /** A link of the layer: {@code href} is there only when the URL is http(s); show the others as text. */
    record LinkView(
            String label,
            String url,

            @JsonPropertyDescription("the URL to link, present only for http and https URLs")
            Optional<String> href) {
        static Optional<List<LinkView>> all(List<LinkItem> items) {
            List<LinkView> links = items.stream()
                    .filter(LinkItem.Link.class::isInstance)
                    .map(LinkItem.Link.class::cast)
                    .map(l -> new LinkView(l.label(), l.url(), Html.safeHref(l.url())))
                    .toList();
            return links.isEmpty() ? Optional.empty() : Optional.of(links);
        }
    }

    record MetadataView(String name, String value) {
        static Optional<List<MetadataView>> all(List<MetadataItem> items) {
            List<MetadataView> rows = items.stream()
                    .filter(MetadataItem.Entry.class::isInstance)
                    .map(MetadataItem.Entry.class::cast)
                    .map(e -> new MetadataView(e.name(), e.value()))
                    .toList();
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows);
        }
    }

    private static Optional<Double> boxed(java.util.OptionalDouble d) {
        return d.isPresent() ? Optional.of(d.getAsDouble()) : Optional.empty();
    }
}
