package dev.podlife.api.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.coverage.Coverage;
import dev.podlife.analyzer.coverage.Gap;
import dev.podlife.analyzer.history.History;
import dev.podlife.analyzer.history.HistoryEntry;
import dev.podlife.analyzer.history.HistoryWindow;
import dev.podlife.analyzer.history.NotObserved;
import dev.podlife.analyzer.pods.PodDetail;
import dev.podlife.analyzer.pods.Pods;
import dev.podlife.analyzer.terminations.Termination;
import dev.podlife.analyzer.terminations.TerminationFilter;
import dev.podlife.analyzer.terminations.Terminations;
import dev.podlife.api.ApiException;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.problem.ProblemType;
import dev.podlife.api.query.QueryParameters;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.UnreadableFactException;

/** The HTML pages: recent abnormal terminations, and one pod's timeline. */
public final class UiRoutes {
  public static final String INDEX = "/ui";
  public static final String POD = "/ui/pods/{uid}";
  static final int RECENT = 50;

  /** Facts drawn at most: a pod with more is drawn up to there, and says so. */
  static final int MAX_FACTS = 5000;

  private final Jdbi jdbi;
  private final Pods pods;
  private final History history;
  private final Coverage coverage;
  private final Clock clock;

  public UiRoutes(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    jdbi.installPlugin(new SqlObjectPlugin());
    this.pods = new Pods(jdbi);
    this.history = new History(jdbi);
    this.coverage = new Coverage(jdbi);
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get(INDEX, this::index);
    routes.get(POD, this::pod);
  }

  private void index(Context ctx) {
    new QueryParameters(ctx.queryParamMap(), Set.of());
    List<Termination> rows =
        new Terminations(jdbi).page(TerminationFilter.window(null, null), RECENT);
    StringBuilder body = new StringBuilder("<h1>podlife: recent abnormal terminations</h1>\n");
    body.append("<div class=\"meta\">The ")
        .append(RECENT)
        .append(
            " latest; every one is kept (<a"
                + " href=\"/api/v1/terminations\">/api/v1/terminations</a>). Click a pod for its"
                + " timeline.</div>\n");
    body.append(
        "<table><tr><th>When"
            + " (UTC)</th><th>Namespace</th><th>Pod</th><th>Container</th><th>Reason</th><th>Exit</th><th>Message</th></tr>\n");
    for (Termination t : rows) {
      body.append("<tr><td>")
          .append(Html.escape(t.at().toString()))
          .append("</td><td>")
          .append(Html.escape(t.namespace()))
          .append("</td><td><a href=\"/ui/pods/")
          .append(url(t.uid()))
          .append("?cluster=")
          .append(url(t.cluster()))
          .append("\">")
          .append(Html.escape(t.pod()))
          .append("</a></td><td>")
          .append(Html.escape(t.container().isEmpty() ? "(pod)" : t.container()))
          .append("</td><td>")
          .append(Html.escape(t.reason()))
          .append("</td><td>")
          .append(
              t.exitCode() == null
                  ? ""
                  : t.exitCode() + (t.signal() == null ? "" : " " + Html.escape(t.signal())))
          .append("</td><td><code>")
          .append(Html.escape(firstLine(t.message())))
          .append("</code></td></tr>\n");
    }
    body.append("</table>\n");
    ctx.contentType("text/html; charset=utf-8")
        .result(Html.page("podlife: recent abnormal terminations", body.toString()));
  }

  private void pod(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), Set.of("cluster"));
    String uid = ctx.pathParam("uid");
    String cluster = query.optional("cluster").orElseGet(() -> resolveCluster(uid));
    PodDetail pod = pods.detail(cluster, uid).orElseThrow(() -> notFound(uid));
    PodSnapshot snapshot = pods.snapshot(cluster, uid).orElseThrow(() -> notFound(uid));
    List<HistoryEntry> history =
        this.history
            .page(cluster, uid, new HistoryWindow(null, null, null), MAX_FACTS + 1)
            .map(History.Page::entries)
            .orElseThrow(() -> notFound(uid));
    List<Gap> gaps =
        NotObserved.duringLife(
            coverage, cluster, pod.createdAt(), pod.deletedAt(), null, null, clock.instant());
    ctx.contentType("text/html; charset=utf-8").result(render(pod, snapshot, history, gaps));
  }

  private String resolveCluster(String uid) {
    List<String> clusters = pods.clustersOf(uid);
    return switch (clusters.size()) {
      case 0 -> throw notFound(uid);
      case 1 -> clusters.getFirst();
      default ->
          throw new ProblemException(
              ProblemType.AMBIGUOUS_POD,
              "Pod UID "
                  + uid
                  + " is known in "
                  + clusters.size()
                  + " clusters; add ?cluster= to choose one",
              Map.of("clusters", clusters));
    };
  }

  private static ProblemException notFound(String uid) {
    return new ProblemException(ProblemType.NOT_FOUND, "No pod with UID " + uid);
  }

  /** The page; {@code gaps} (coverage gaps during the pod's life) are rows of the table too. */
  static String render(
      PodDetail pod, PodSnapshot snapshot, List<HistoryEntry> rows, List<Gap> gaps) {
    boolean truncated = rows.size() > MAX_FACTS;
    List<HistoryEntry> history = truncated ? rows.subList(0, MAX_FACTS) : rows;
    List<Fact> facts = history.stream().map(row -> fact(pod, row)).toList();
    Timeline timeline = Timeline.of(snapshot, facts);
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(Html.escape(pod.namespace() + "/" + pod.name())).append("</h1>\n");
    body.append("<div class=\"meta\">uid <code>")
        .append(Html.escape(pod.uid()))
        .append("</code> · cluster ")
        .append(Html.escape(pod.cluster()))
        .append(
            pod.workload() == null
                ? ""
                : " · " + Html.escape(pod.workload().kind() + "/" + pod.workload().name()))
        .append(pod.node() == null ? "" : " · node " + Html.escape(pod.node()))
        .append(" · STATUS <b>")
        .append(Html.escape(pod.status()))
        .append("</b> · READY ")
        .append(Html.escape(pod.ready()))
        .append(" · RESTARTS ")
        .append(pod.restarts())
        .append(" · <a href=\"/ui\">recent terminations</a> · <a href=\"/api/v1/pods/")
        .append(url(pod.uid()))
        .append("/history?cluster=")
        .append(url(pod.cluster()))
        .append("\">JSON history</a></div>\n");
    body.append(TimelineSvg.render(timeline));
    body.append(
        """
        <div class="legend">
        <span><i class="sw" style="background:#8a63d2"></i>init run</span>
        <span><i class="sw" style="background:#3b7dd8"></i>run</span>
        <span><i class="sw" style="background:#d64545"></i>run that failed</span>
        <span><i class="sw" style="background:#c9ced8"></i>waiting</span>
        <span><i class="sw" style="background:#2e9d57"></i>Ready</span>
        <span><i class="sw" style="background:#1b998b;transform:rotate(45deg)"></i>hook</span>
        <span><i class="sw" style="background:#e0a100"></i>probe failure</span>
        <span><i class="sw" style="background:#b3261e;border-radius:6px"></i>kill / failure</span>
        <span><i class="sw" style="background:#6b4fbb;border-radius:6px"></i>restart</span>
        <span><i class="sw" style="background:#fff1dc;border:1px solid #d9822b"></i>grace period</span>
        </div>
        """);
    if (truncated) {
      body.append("<p>Only the first ").append(MAX_FACTS).append(" facts are drawn.</p>\n");
    }
    body.append(
        "<table><tr><th>At (UTC)</th><th>STATUS</th><th>READY</th><th>RESTARTS</th><th>What"
            + " happened</th></tr>\n");
    for (HistoryEntry row :
        NotObserved.among(history, gaps, null, truncated ? history.getLast().at() : null)) {
      body.append(row.type().equals(NotObserved.TYPE) ? "<tr class=\"gap\"><td>" : "<tr><td>")
          .append(Html.escape(row.at().toString()))
          .append("</td><td>")
          .append(Html.escape(row.status()))
          .append("</td><td>")
          .append(Html.escape(row.ready()))
          .append("</td><td>")
          .append(row.restarts())
          .append("</td><td>")
          .append(Html.escape(row.summary()))
          .append("</td></tr>\n");
    }
    body.append("</table>\n");
    return Html.page(pod.namespace() + "/" + pod.name() + " — podlife", body.toString());
  }

  /** The stored fact JSON, read by the events module's serde into its record. */
  private static Fact fact(PodDetail pod, HistoryEntry row) {
    try {
      return FactSerde.fromJson(row.fact());
    } catch (UnreadableFactException e) {
      throw new ApiException(
          "Couldn't read a stored fact of pod " + pod.uid() + " in cluster " + pod.cluster(), e);
    }
  }

  private static String url(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() > 100 ? line.substring(0, 99) + "…" : line;
  }
}
