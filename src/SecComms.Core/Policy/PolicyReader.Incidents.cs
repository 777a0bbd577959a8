using System.Globalization;
using SecComms.Core.Incidents;
using SecComms.Core.Incidents.Clocks;
using YamlDotNet.RepresentationModel;

namespace SecComms.Core.Policy;

/// <summary>Reads the <c>incidents</c> section: severities, parties, engagement rules, clocks and their calendars.</summary>
internal sealed partial class PolicyReader
{
    private static readonly string[] SeverityKeys = ["S1", "S2", "S3", "S4"];

    private IncidentRules ReadIncidents(YamlMappingNode root)
    {
        const string where = "incidents";
        if (Map(root, "incidents", "the policy", required: false) is not { } map)
        {
            return IncidentRules.Default;
        }
        Keys(map, where, "severities", "parties", "engagement", "calendars", "clocks", "external-message-requires", "no-public-notification-approvers",
            "quorum-fallback");
        var severities = ReadSeverities(map);
        var parties = ReadParties(map);
        var engagement = ReadEngagement(map, parties);
        var calendars = ReadCalendars(map);
        var clocks = ReadClocks(map, calendars);
        var approvers = TeamList(map, "no-public-notification-approvers", where);
        return new IncidentRules(
            severities,
            parties,
            engagement,
            clocks,
            Words(map, "external-message-requires", where, MessageVariants.All),
            approvers.Count > 0 ? approvers : IncidentRules.Default.NoPublicNotificationApprovers,
            ReadQuorumFallback(map));
    }

    private Dictionary<IncidentSeverity, SeverityRules> ReadSeverities(YamlMappingNode incidents)
    {
        var severities = Enum.GetValues<IncidentSeverity>().ToDictionary(s => s, _ => SeverityRules.Quiet);
        if (Map(incidents, "severities", "incidents", required: false) is not { } map)
        {
            return severities;
        }
        Keys(map, "incidents severities", SeverityKeys);
        foreach (var key in SeverityKeys)
        {
            var where = $"incidents severity {key}";
            if (Map(map, key, "incidents severities", required: false) is not { } severity)
            {
                continue;
            }
            Keys(severity, where, "name", "update-every", "review", "approve", "emergency");
            var review = Duration(severity, "review", where);
            var approve = Duration(severity, "approve", where);
            if (review is null != approve is null)
            {
                Error(severity, $"{where}: review and approve go together; give both or neither.");
            }
            severities[Enum.Parse<IncidentSeverity>(key)] =
                new SeverityRules(Text(severity, "name", where) ?? key, Duration(severity, "update-every", where), review, approve, Flag(severity, "emergency", where));
        }
        return severities;
    }

    private Dictionary<string, Party> ReadParties(YamlMappingNode incidents)
    {
        var parties = new Dictionary<string, Party>(StringComparer.Ordinal);
        if (Map(incidents, "parties", "incidents", required: false) is not { } map)
        {
            return parties;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var where = $"incidents party '{key}'";
            if (value is not YamlMappingNode party)
            {
                Error(value, $"{where} must be a mapping such as {{ name: VP of Security }}.");
                continue;
            }
            Keys(party, where, "name", "team");
            parties[key] = new Party(key, Text(party, "name", where) ?? key, Child(party, "team") is { } team ? TeamRef(team, where) : null);
        }
        return parties;
    }

    private List<EngagementRule> ReadEngagement(YamlMappingNode incidents, Dictionary<string, Party> parties)
    {
        var rules = new List<EngagementRule>();
        var index = 0;
        foreach (var node in Sequence(incidents, "engagement", "incidents"))
        {
            var where = $"incidents engagement rule {++index}";
            if (node is not YamlMappingNode rule)
            {
                Error(node, $"{where} must be a mapping with engage, when and within.");
                continue;
            }
            Keys(rule, where, "engage", "when", "within");
            var engage = new List<string>();
            foreach (var partyNode in Sequence(rule, "engage", where))
            {
                var party = (partyNode as YamlScalarNode)?.Value;
                if (party is null || !parties.ContainsKey(party))
                {
                    Error(partyNode, $"{where}: '{party}' is not one of the parties ({string.Join(", ", parties.Keys)}).");
                }
                else
                {
                    engage.Add(party);
                }
            }
            if (engage.Count == 0)
            {
                Error(rule, $"{where}: engage must name at least one party.");
            }
            rules.Add(new EngagementRule(engage, Conditions(rule, where, allowRegulatory: true), Duration(rule, "within", where, allowZero: true)));
        }
        return rules;
    }

    private Dictionary<string, BusinessCalendar> ReadCalendars(YamlMappingNode incidents)
    {
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal) { ["utc"] = BusinessCalendar.Utc };
        if (Map(incidents, "calendars", "incidents", required: false) is not { } map)
        {
            return calendars;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var where = $"incidents calendar '{key}'";
            if (value is not YamlMappingNode calendar)
            {
                Error(value, $"{where} must be a mapping with time-zone, weekend and holidays.");
                continue;
            }
            Keys(calendar, where, "time-zone", "weekend", "holidays");
            var zoneName = Text(calendar, "time-zone", where, required: true);
            TimeZoneInfo? zone = null;
            if (zoneName is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out zone))
            {
                Error(Child(calendar, "time-zone") ?? calendar, $"{where}: '{zoneName}' is not a known time zone; use an IANA name such as America/New_York.");
            }
            var weekend = new HashSet<DayOfWeek>();
            var weekendNodes = Child(calendar, "weekend") is null ? null : Sequence(calendar, "weekend", where).ToList();
            foreach (var day in weekendNodes ?? [])
            {
                if (Enum.TryParse<DayOfWeek>((day as YamlScalarNode)?.Value, ignoreCase: true, out var parsed) && char.IsLetter(((YamlScalarNode)day).Value![0]))
                {
                    weekend.Add(parsed);
                }
                else
                {
                    Error(day, $"{where}: weekend '{(day as YamlScalarNode)?.Value}' must be a day such as saturday.");
                }
            }
            var holidays = new HashSet<DateOnly>();
            foreach (var day in Sequence(calendar, "holidays", where))
            {
                if (DateOnly.TryParseExact((day as YamlScalarNode)?.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    holidays.Add(date);
                }
                else
                {
                    Error(day, $"{where}: holiday '{(day as YamlScalarNode)?.Value}' must be a date such as 2026-12-25.");
                }
            }
            calendars[key] = new BusinessCalendar(zone ?? TimeZoneInfo.Utc, weekendNodes is null ? BusinessCalendar.Utc.Weekend : weekend, holidays);
        }
        return calendars;
    }

    private Dictionary<string, ClockRule> ReadClocks(YamlMappingNode incidents, Dictionary<string, BusinessCalendar> calendars)
    {
        var clocks = new Dictionary<string, ClockRule>(StringComparer.Ordinal);
        if (Map(incidents, "clocks", "incidents", required: false) is not { } map)
        {
            return clocks;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var where = $"incidents clock '{key}'";
            if (value is not YamlMappingNode clock)
            {
                Error(value, $"{where} must be a mapping with name, when, start and due.");
                continue;
            }
            Keys(clock, where, "name", "regulatory", "when", "start", "due", "per-tier", "calendar", "escalate-before", "met-by-publication");
            var start = Text(clock, "start", where, required: true) ?? IncidentEvents.BecameAware;
            if (!IncidentEvents.All.Contains(start) && !(start.StartsWith(IncidentEvents.ClockPrefix, StringComparison.Ordinal)
                && map.Children.ContainsKey(new YamlScalarNode(start[IncidentEvents.ClockPrefix.Length..]))))
            {
                Error(Child(clock, "start") ?? clock,
                    $"{where}: start '{start}' must be one of {string.Join(", ", IncidentEvents.All)}, or clock:KEY for another clock of this policy.");
            }
            var due = Child(clock, "due") is null ? (ClockPeriod?)null : Period(clock, "due", where);
            var perTier = new Dictionary<string, ClockPeriod>(StringComparer.OrdinalIgnoreCase);
            if (Map(clock, "per-tier", where, required: false) is { } tiers)
            {
                foreach (var (tierNode, _) in tiers.Children)
                {
                    var tier = ((YamlScalarNode)tierNode).Value ?? "";
                    if (Period(tiers, tier, $"{where} per-tier") is { } period)
                    {
                        perTier[tier] = period;
                    }
                }
            }
            if ((Child(clock, "due") is null) == (Child(clock, "per-tier") is null))
            {
                Error(clock, $"{where}: give either due (one period) or per-tier (a period per customer tier).");
            }
            var calendarName = Text(clock, "calendar", where) ?? "utc";
            if (!calendars.TryGetValue(calendarName, out var calendar))
            {
                Error(Child(clock, "calendar") ?? clock, $"{where}: calendar '{calendarName}' is not one of the calendars ({string.Join(", ", calendars.Keys)}).");
            }
            var escalate = new List<TimeSpan>();
            foreach (var node in Sequence(clock, "escalate-before", where))
            {
                if (node is YamlScalarNode { Value: { } text } && Durations.TryParse(text, out var before))
                {
                    escalate.Add(before);
                }
                else
                {
                    Error(node, $"{where}: escalate-before '{(node as YamlScalarNode)?.Value}' must be a duration such as 30m, 6h or 2d.");
                }
            }
            var name = Text(clock, "name", where) ?? key;
            if (name.Length > IncidentLimits.Title - IncidentLimits.Label - 3)
            {
                Error(Child(clock, "name") ?? clock, $"{where}: name must be at most {IncidentLimits.Title - IncidentLimits.Label - 3} characters.");
            }
            if (key.Length > IncidentLimits.Label)
            {
                Error(keyNode, $"{where}: the key must be at most {IncidentLimits.Label} characters.");
            }
            clocks[key] = new ClockRule(key, name, Flag(clock, "regulatory", where), Conditions(clock, where, allowRegulatory: false),
                start, due, perTier, calendar ?? BusinessCalendar.Utc, [.. escalate.Distinct().OrderDescending()], Flag(clock, "met-by-publication", where));
        }
        return clocks;
    }

    private QuorumFallbackRule? ReadQuorumFallback(YamlMappingNode incidents)
    {
        const string where = "incidents quorum-fallback";
        if (Map(incidents, "quorum-fallback", "incidents", required: false) is not { } map)
        {
            return null;
        }
        Keys(map, where, "teams", "within");
        var teams = TeamList(map, "teams", where);
        if (teams.Count == 0)
        {
            Error(map, $"{where}: teams must name the approving teams that must still approve.");
        }
        var within = Duration(map, "within", where);
        if (within is null)
        {
            Error(map, $"{where}: within is required: how close to a clock's due time the fallback may be invoked, such as 1h.");
        }
        return new QuorumFallbackRule(teams, within ?? TimeSpan.Zero);
    }

    /// <summary>Reads <c>when</c>: one mapping whose fields must all hold, or a list of them of which any may hold. Absent means always.</summary>
    private List<IncidentCondition> Conditions(YamlMappingNode map, string where, bool allowRegulatory)
    {
        var node = Child(map, "when");
        if (node is null)
        {
            return [new IncidentCondition()];
        }
        var items = node switch
        {
            YamlMappingNode single => [single],
            YamlSequenceNode list => list.Children.OfType<YamlMappingNode>().ToList(),
            _ => [],
        };
        if (items.Count == 0 || (node is YamlSequenceNode sequence && sequence.Children.Count != items.Count))
        {
            Error(node, $"{where}: when must be a mapping of conditions, or a list of them (any of which may hold).");
            return [];
        }
        return [.. items.Select(item => Condition(item, where, allowRegulatory))];
    }

    private IncidentCondition Condition(YamlMappingNode map, string where, bool allowRegulatory)
    {
        string[] keys = ["severity", "kind", "personal-data", "actively-exploited", "publicly-reported", "material", "customers-affected", "regions",
            "customer-tiers", "data-categories"];
        Keys(map, $"{where} when", allowRegulatory ? [.. keys, "regulatory"] : keys);
        bool? Bool(string key) => Child(map, key) is null ? null : Flag(map, key, $"{where} when");
        List<string>? Labels(string key) => Child(map, key) is null ? null : [.. Sequence(map, key, $"{where} when").OfType<YamlScalarNode>().Select(n => n.Value ?? "")];
        List<TEnum>? Enums<TEnum>(string key, Func<string, string> name) where TEnum : struct, Enum
        {
            if (Child(map, key) is null)
            {
                return null;
            }
            var values = new List<TEnum>();
            foreach (var item in Sequence(map, key, $"{where} when"))
            {
                var text = (item as YamlScalarNode)?.Value ?? "";
                var match = Enum.GetValues<TEnum>().Where(v => name(v.ToString()) == text).ToList();
                if (match.Count == 1)
                {
                    values.Add(match[0]);
                }
                else
                {
                    Error(item, $"{where} when: {key} '{text}' must be one of {string.Join(", ", Enum.GetValues<TEnum>().Select(v => name(v.ToString())))}.");
                }
            }
            return values;
        }
        return new IncidentCondition(
            Enums<IncidentSeverity>("severity", n => n),
            Enums<IncidentKind>("kind", n => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(n)),
            Bool("personal-data"),
            Bool("actively-exploited"),
            Bool("publicly-reported"),
            Bool("material"),
            Bool("customers-affected"),
            allowRegulatory ? Bool("regulatory") : null,
            Labels("regions"),
            Labels("customer-tiers"),
            Labels("data-categories"));
    }

    private ClockPeriod? Period(YamlMappingNode map, string key, string where)
    {
        var text = Text(map, key, where, required: true);
        if (text is null)
        {
            return null;
        }
        if (ClockPeriod.TryParse(text, out var period, out var error))
        {
            return period;
        }
        Error(Child(map, key) ?? map, $"{where}: {key}: {error}");
        return null;
    }

    private TimeSpan? Duration(YamlMappingNode map, string key, string where, bool allowZero = false)
    {
        var text = Text(map, key, where);
        if (text is null)
        {
            return null;
        }
        if (allowZero && text.Trim() is "0" or "0m" or "immediately")
        {
            return TimeSpan.Zero;
        }
        if (Durations.TryParse(text, out var duration))
        {
            return duration;
        }
        Error(Child(map, key) ?? map, $"{where}: {key} '{text}' must be a duration such as 30m, 4h or 2d.");
        return null;
    }
}
