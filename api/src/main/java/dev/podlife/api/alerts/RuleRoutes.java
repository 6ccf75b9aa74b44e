package dev.podlife.api.alerts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.alerts.evaluation.Backtest;
import dev.podlife.alerts.rules.AlertRule;
import dev.podlife.alerts.rules.DuplicateRuleNameException;
import dev.podlife.alerts.rules.InvalidRuleException;
import dev.podlife.alerts.rules.NoSuchRuleException;
import dev.podlife.alerts.rules.RuleSpec;
import dev.podlife.alerts.rules.RuleSpecs;
import dev.podlife.alerts.rules.RuleStore;
import dev.podlife.alerts.rules.RuleVersion;
import dev.podlife.api.auth.Principal;
import dev.podlife.api.auth.Role;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.problem.ProblemType;
import dev.podlife.api.query.QueryParameters;
import dev.podlife.api.query.TimeWindow;
import tools.jackson.databind.node.ObjectNode;

/**
 * The alert rule routes: list, create, read, replace and delete rules (each change a new version in
 * the audit trail, with the caller's token name), the trail itself, and a backtest of a stored rule
 * over a past window. Rules are answered with their webhook secrets masked; a PUT that leaves a
 * secret out (or sends the mask back) keeps it.
 */
public final class RuleRoutes {
  public static final String RULES = "/api/v1/alert-rules";
  public static final String RULE = "/api/v1/alert-rules/{id}";
  public static final String VERSIONS = "/api/v1/alert-rules/{id}/versions";
  public static final String BACKTEST = "/api/v1/alert-rules/{id}/test";

  /**
   * The longest window a backtest may replay: it reads the projections of the whole window in one
   * request.
   */
  public static final Duration MAX_BACKTEST_SPAN = Duration.ofDays(31);

  static final Set<String> BACKTEST_PARAMETERS = Set.of("from", "to");

  private final Jdbi jdbi;
  private final RuleStore store;

  public RuleRoutes(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.store = new RuleStore(jdbi, clock);
  }

  public void register(RoutesConfig routes) {
    routes.get(RULES, this::list, Role.READ);
    routes.post(RULES, this::create, Role.ADMIN);
    routes.get(RULE, this::read, Role.READ);
    routes.put(RULE, this::replace, Role.ADMIN);
    routes.delete(RULE, this::delete, Role.ADMIN);
    routes.get(VERSIONS, this::versions, Role.READ);
    // a backtest changes nothing: whoever may read rules may replay one
    routes.post(BACKTEST, this::backtest, Role.READ);
  }

  /**
   * A stored rule as answered: its identity and versioning, and the rule itself with webhook
   * secrets masked.
   */
  record StoredRule(long id, int version, Instant createdAt, Instant updatedAt, ObjectNode rule) {
    static StoredRule of(AlertRule rule) {
      return new StoredRule(
          rule.id(),
          rule.version(),
          rule.createdAt(),
          rule.updatedAt(),
          RuleSpecs.toJson(rule.spec(), false));
    }
  }

  record RuleList(List<StoredRule> items) {}

  /**
   * One entry of the audit trail: created, updated or deleted, by whom and when, with the rule as
   * it was (masked).
   */
  record Version(int version, String change, String changedBy, Instant changedAt, ObjectNode rule) {
    static Version of(RuleVersion v) {
      return new Version(
          v.version(), v.change(), v.changedBy(), v.changedAt(), RuleSpecs.toJson(v.spec(), false));
    }
  }

  record VersionList(long ruleId, List<Version> items) {}

  private void list(Context ctx) {
    noQueryParameters(ctx);
    ctx.jsonStream(new RuleList(store.list().stream().map(StoredRule::of).toList()));
  }

  private void create(Context ctx) {
    noQueryParameters(ctx);
    RuleSpec spec = parse(ctx.body(), null);
    AlertRule rule;
    try {
      rule = store.create(spec, Principal.of(ctx).tokenName());
    } catch (DuplicateRuleNameException e) {
      throw duplicateName(e);
    }
    ctx.status(201).header("Location", RULES + "/" + rule.id()).jsonStream(StoredRule.of(rule));
  }

  private void read(Context ctx) {
    long id = id(ctx);
    noQueryParameters(ctx);
    ctx.jsonStream(StoredRule.of(store.find(id).orElseThrow(() -> noSuchRule(id))));
  }

  private void replace(Context ctx) {
    long id = id(ctx);
    noQueryParameters(ctx);
    AlertRule current = store.find(id).orElseThrow(() -> noSuchRule(id));
    RuleSpec spec = parse(ctx.body(), current.spec());
    try {
      ctx.jsonStream(StoredRule.of(store.update(id, spec, Principal.of(ctx).tokenName())));
    } catch (DuplicateRuleNameException e) {
      throw duplicateName(e);
    } catch (NoSuchRuleException e) {
      // deleted between the read and the update
      throw noSuchRule(id);
    }
  }

  private void delete(Context ctx) {
    long id = id(ctx);
    noQueryParameters(ctx);
    try {
      store.delete(id, Principal.of(ctx).tokenName());
    } catch (NoSuchRuleException e) {
      throw noSuchRule(id);
    }
    ctx.status(204);
  }

  private void versions(Context ctx) {
    long id = id(ctx);
    noQueryParameters(ctx);
    // the trail outlives the rule: a deleted rule still shows who deleted it
    List<RuleVersion> versions = store.versions(id);
    if (versions.isEmpty()) {
      throw new ProblemException(
          ProblemType.NOT_FOUND, "There never was an alert rule with id " + id);
    }
    ctx.jsonStream(new VersionList(id, versions.stream().map(Version::of).toList()));
  }

  private void backtest(Context ctx) {
    long id = id(ctx);
    TimeWindow window = new QueryParameters(ctx.queryParamMap(), BACKTEST_PARAMETERS).window();
    if (window.from() == null || window.to() == null) {
      throw ProblemException.invalidParameter(
          window.from() == null ? "from" : "to",
          "A backtest needs the window to replay: both 'from' and 'to' as RFC 3339 date-times, e.g."
              + " from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z");
    }
    Duration span = Duration.between(window.from(), window.to());
    if (span.compareTo(MAX_BACKTEST_SPAN) > 0) {
      throw ProblemException.invalidParameter(
          "to",
          "A backtest replays at most "
              + MAX_BACKTEST_SPAN.toDays()
              + " days; [from, to) spans "
              + describe(span)
              + ": split it into several backtests");
    }
    AlertRule rule = store.find(id).orElseThrow(() -> noSuchRule(id));
    ctx.jsonStream(Backtest.run(jdbi, rule.spec(), window.from(), window.to()));
  }

  private static String describe(Duration span) {
    return span.toDays() + " days " + span.toHoursPart() + " hours";
  }

  private static RuleSpec parse(String body, RuleSpec previous) {
    try {
      return RuleSpecs.parse(body, previous);
    } catch (InvalidRuleException e) {
      List<Map<String, String>> fields =
          e.violations().stream()
              .map(
                  v -> {
                    Map<String, String> field = new LinkedHashMap<>();
                    field.put("field", v.field());
                    field.put("message", v.message());
                    return field;
                  })
              .toList();
      int n = fields.size();
      throw new ProblemException(
          ProblemType.INVALID_RULE,
          "The alert rule has " + n + (n == 1 ? " problem: " : " problems: ") + e.getMessage(),
          Map.of("fields", fields));
    }
  }

  /** The {@code {id}} path parameter: a positive integer, else a 400 naming it. */
  static long id(Context ctx) {
    String raw = ctx.pathParam("id");
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ProblemException.invalidParameter(
        "id", "The alert rule id must be a positive integer, not '" + raw + "'");
  }

  /** These routes take no query parameters; one given is a typo the caller should hear about. */
  private static void noQueryParameters(Context ctx) {
    ctx.queryParamMap().keySet().stream()
        .findFirst()
        .ifPresent(
            name -> {
              throw ProblemException.invalidParameter(
                  name, "Unknown query parameter '" + name + "'; " + ctx.path() + " takes none");
            });
  }

  private static ProblemException noSuchRule(long id) {
    return new ProblemException(
        ProblemType.NOT_FOUND, "No alert rule with id " + id + " (never created, or deleted)");
  }

  private static ProblemException duplicateName(DuplicateRuleNameException e) {
    return new ProblemException(
        ProblemType.DUPLICATE_RULE_NAME,
        e.getMessage() + "; choose another name or change that rule",
        Map.of());
  }
}
