using System.Globalization;
using SecComms.Core.Communications;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SecComms.Core.Policy;

/// <summary>Walks the policy YAML node by node, so that every problem is reported with its line, all at once.</summary>
internal sealed partial class PolicyReader(string source)
{
    private static readonly ApprovalDeadlines DefaultDeadlines = new(TimeSpan.FromHours(48), TimeSpan.FromHours(4));

    private readonly List<PolicyProblem> _errors = [];
    private IReadOnlyDictionary<string, Team> _teams = new Dictionary<string, Team>();

    public (string Name, IReadOnlyDictionary<string, Team> Teams, IReadOnlyDictionary<string, Category> Categories, ExceptionRules Exceptions, SafeRules Safe,
        ReleaseRules Releases, IncidentRules Incidents, IReadOnlyList<string> Publishers) Read(string yaml)
    {
        var root = Load(yaml);
        Keys(root, "the policy", "name", "teams", "publishers", "exceptions", "safe", "categories", "releases", "incidents");
        var name = Text(root, "name", "the policy") ?? source;
        _teams = ReadTeams(root);
        var publishers = ReadPublishers(root);
        var exceptions = ReadExceptions(root);
        var safe = ReadSafe(root);
        var categories = ReadCategories(root);
        var releases = ReadReleases(root, categories);
        var incidents = ReadIncidents(root);
        if (_errors.Count > 0)
        {
            throw new InvalidPolicyException(_errors);
        }
        return (name, _teams, categories, exceptions, safe, releases, incidents, publishers);
    }

    private YamlMappingNode Load(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
            {
                return root;
            }
        }
        catch (YamlException e)
        {
            throw new InvalidPolicyException([new PolicyProblem(source, e.Start.Line, e.InnerException?.Message ?? e.Message)]);
        }
        throw new InvalidPolicyException([new PolicyProblem(source, 1, "the policy must be a mapping with teams and categories.")]);
    }

    private Dictionary<string, Team> ReadTeams(YamlMappingNode root)
    {
        var teams = new Dictionary<string, Team>(StringComparer.Ordinal);
        if (Map(root, "teams", "the policy", required: true) is not { } map)
        {
            return teams;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var where = $"team '{key}'";
            var team = value as YamlMappingNode;
            if (team is null)
            {
                Error(value, $"{where} must be a mapping such as {{ name: Security }}.");
                continue;
            }
            Keys(team, where, "name");
            teams[key] = new Team(key, Text(team, "name", where) ?? key);
        }
        if (teams.Count == 0)
        {
            Error(map, "no teams are defined.");
        }
        return teams;
    }

    private ReleaseRules ReadReleases(YamlMappingNode root, IReadOnlyDictionary<string, Category> categories)
    {
        const string where = "releases";
        if (Map(root, "releases", "the policy", required: false) is not { } map)
        {
            return ReleaseRules.Default with { VulnerabilityTeams = DefaultVulnerabilityTeams() };
        }
        Keys(map, where, "supported-minor-lines", "disclose-after-days", "vulnerability-teams", "templates");
        var lines = Number(map, "supported-minor-lines", where, 1, 10) ?? ReleaseRules.Default.SupportedMinorLines;
        var days = Number(map, "disclose-after-days", where, 0, 365) ?? ReleaseRules.Default.DiscloseAfterDays;
        var vulnerabilityTeams = ReadVulnerabilityTeams(map, where);
        ReleaseTemplates? templates = null;
        if (Map(map, "templates", where, required: false) is { } section)
        {
            Keys(section, $"{where} templates", "blog-post", "customer-email", "advisory");
            templates = new ReleaseTemplates(
                ReadReleaseTemplate(section, "blog-post", categories, Channels.Web),
                ReadReleaseTemplate(section, "customer-email", categories, Channels.Email),
                ReadReleaseTemplate(section, "advisory", categories, Channels.Web));
        }
        return new ReleaseRules(lines, days, templates, vulnerabilityTeams);
    }

    private List<string> ReadVulnerabilityTeams(YamlMappingNode releases, string where)
    {
        var node = Child(releases, "vulnerability-teams");
        if (node is null)
        {
            return DefaultVulnerabilityTeams();
        }
        if (node is YamlSequenceNode { Children.Count: 0 })
        {
            Error(node, $"{where}: vulnerability-teams must name at least one team.");
        }
        return [.. TeamList(releases, "vulnerability-teams", where).Distinct()];
    }

    /// <remarks>A policy without the key keeps the teams that saw vulnerabilities before the key existed, where it defines them.</remarks>
    private List<string> DefaultVulnerabilityTeams() => [.. ReleaseRules.DefaultVulnerabilityTeams.Where(_teams.ContainsKey)];

    /// <param name="templates">The policy's release templates.</param>
    /// <param name="key">The part's template.</param>
    /// <param name="categories">The policy's categories, which the part's must be one of.</param>
    /// <param name="channel">The channel the part's category must go out on: the web for posts, email for the customer email.</param>
    private ReleaseTemplate ReadReleaseTemplate(YamlMappingNode templates, string key, IReadOnlyDictionary<string, Category> categories, string channel)
    {
        var where = $"releases template '{key}'";
        if (Map(templates, key, "releases templates", required: true) is not { } template)
        {
            return new ReleaseTemplate("", "", "", "", "");
        }
        Keys(template, where, "title", "body", "email-subject", "email-body", "short-text", "category", "critical-category");
        string Liquid(string field)
        {
            var text = Text(template, field, where, required: true) ?? "";
            if (CommunicationTemplates.Check(text) is { } error)
            {
                Error(Child(template, field) ?? template, $"{where}: {field} is not valid Liquid: {error}");
            }
            else if (CommunicationTemplates.CheckLimits("", text) is { } limit)
            {
                Error(Child(template, field) ?? template, $"{where}: {field} exceeds the template limits: {limit}.");
            }
            return text;
        }
        string? PartCategory(string field)
        {
            if (Text(template, field, where, required: false) is not { } category)
            {
                return null;
            }
            if (!categories.TryGetValue(category, out var defined))
            {
                Error(Child(template, field)!, $"{where}: {field} '{category}' is not a category of the policy.");
            }
            else if (!defined.Channels.Contains(channel))
            {
                Error(Child(template, field)!, $"{where}: {field} '{category}' must go out on {channel}, as every {key} does.");
            }
            return category;
        }
        return new ReleaseTemplate(Liquid("title"), Liquid("body"), Liquid("email-subject"), Liquid("email-body"), Liquid("short-text"))
        {
            Category = PartCategory("category"),
            CriticalCategory = PartCategory("critical-category"),
        };
    }

    /// <remarks>A policy without the key keeps the security team's part in every disclosure, as before the key existed.</remarks>
    private List<string> ReadPublishers(YamlMappingNode root) =>
        Child(root, "publishers") is null
            ? [.. _teams.Keys.Where(t => t == Identity.Actor.SecurityTeam)]
            : TeamList(root, "publishers", "the policy");

    private ExceptionRules ReadExceptions(YamlMappingNode root)
    {
        const string where = "exceptions";
        if (Map(root, "exceptions", "the policy", required: true) is not { } map)
        {
            return new ExceptionRules([], 90, []);
        }
        Keys(map, where, "approvers", "max-period-days", "reminder-days-before-expiry");
        var approvers = TeamList(map, "approvers", where);
        if (approvers.Count == 0)
        {
            Error(map, $"{where}: approvers must name at least one team.");
        }
        var maxDays = Number(map, "max-period-days", where, 1, 365) ?? 90;
        var reminders = new List<int>();
        foreach (var node in Sequence(map, "reminder-days-before-expiry", where))
        {
            if (NumberOf(node, $"{where}: reminder-days-before-expiry", 1, maxDays) is { } days)
            {
                reminders.Add(days);
            }
        }
        return new ExceptionRules(approvers, maxDays, [.. reminders.Distinct().OrderDescending()]);
    }

    private SafeRules ReadSafe(YamlMappingNode root)
    {
        const string where = "safe";
        if (Map(root, "safe", "the policy", required: true) is not { } map)
        {
            return new SafeRules(null, null, null, null);
        }
        Keys(map, where, "sensitive", "accurate", "financial", "effect");
        string? TeamOf(string key) => Child(map, key) is { } node ? TeamRef(node, where) : null;
        return new SafeRules(TeamOf("sensitive"), TeamOf("accurate"), TeamOf("financial"), TeamOf("effect"));
    }

    private Dictionary<string, Category> ReadCategories(YamlMappingNode root)
    {
        var categories = new Dictionary<string, Category>(StringComparer.Ordinal);
        if (Map(root, "categories", "the policy", required: true) is not { } map)
        {
            return categories;
        }
        foreach (var (keyNode, value) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (value is YamlMappingNode category)
            {
                categories[key] = ReadCategory(key, category);
            }
            else
            {
                Error(value, $"category '{key}' must be a mapping.");
            }
        }
        if (categories.Count == 0)
        {
            Error(map, "no categories are defined.");
        }
        return categories;
    }

    private Category ReadCategory(string key, YamlMappingNode map)
    {
        var where = $"category '{key}'";
        Keys(map, where, "name", "area", "owner", "confidential", "channels", "approvals", "consult", "fyi", "gates", "deadlines",
            "one-person-may-fill-several-stages", "template");
        var area = Text(map, "area", where, required: true);
        if (area is not null && !Areas.All.Contains(area))
        {
            Error(Child(map, "area") ?? map, $"{where}: area '{area}' must be one of {string.Join(", ", Areas.All)}.");
        }
        var owner = Child(map, "owner") is { } ownerNode ? TeamRef(ownerNode, where) : Missing(map, where, "owner");
        var channels = Words(map, "channels", where, Channels.All);
        if (channels.Count == 0)
        {
            Error(map, $"{where}: channels must list at least one of {string.Join(", ", Channels.All)}.");
        }
        var name = Text(map, "name", where) ?? key;
        return new Category(
            key,
            name,
            area ?? "",
            owner ?? "",
            Flag(map, "confidential", where),
            channels,
            ReadStages(map, where),
            TeamList(map, "consult", where),
            TeamList(map, "fyi", where),
            Words(map, "gates", where, Gates.All),
            ReadDeadlines(map, where),
            Flag(map, "one-person-may-fill-several-stages", where),
            ReadTemplate(map, name, where));
    }

    private List<ApprovalStage> ReadStages(YamlMappingNode map, string where)
    {
        var stages = new List<ApprovalStage>();
        foreach (var node in Sequence(map, "approvals", where))
        {
            var stage = node switch
            {
                YamlScalarNode scalar => new ApprovalStage(TeamRef(scalar, where) ?? "", null, StageConditions.Always, []),
                YamlMappingNode mapping => ReadStage(mapping, where),
                _ => null,
            };
            if (stage is null)
            {
                Error(node, $"{where}: an approval stage is a team name or a mapping with team, purpose, when and backup.");
            }
            else if (stages.Any(s => s.Team == stage.Team))
            {
                Error(node, $"{where}: team '{stage.Team}' appears in two approval stages.");
            }
            else
            {
                stages.Add(stage);
            }
        }
        if (stages.Count == 0)
        {
            Error(Child(map, "approvals") ?? map, $"{where}: approvals must list at least one stage.");
        }
        return stages;
    }

    private ApprovalStage ReadStage(YamlMappingNode map, string where)
    {
        Keys(map, $"{where} approval stage", "team", "purpose", "when", "backup");
        var team = Child(map, "team") is { } teamNode ? TeamRef(teamNode, where) : Missing(map, where, "team");
        var when = Text(map, "when", where) ?? StageConditions.Always;
        if (!StageConditions.All.Contains(when))
        {
            Error(Child(map, "when") ?? map, $"{where}: when '{when}' must be one of {string.Join(", ", StageConditions.All)}.");
        }
        return new ApprovalStage(team ?? "", Text(map, "purpose", where), when, TeamList(map, "backup", where));
    }

    private ApprovalDeadlines ReadDeadlines(YamlMappingNode map, string where)
    {
        if (Map(map, "deadlines", where, required: false) is not { } deadlines)
        {
            return DefaultDeadlines;
        }
        Keys(deadlines, $"{where} deadlines", "normal", "emergency");
        TimeSpan? Read(string key)
        {
            var text = Text(deadlines, key, where);
            if (text is null)
            {
                return null;
            }
            if (Durations.TryParse(text, out var duration))
            {
                return duration;
            }
            Error(Child(deadlines, key) ?? deadlines, $"{where}: deadline '{text}' must be a duration such as 30m, 4h or 2d.");
            return null;
        }
        var normal = Read("normal");
        var emergency = Read("emergency");
        if (normal < emergency)
        {
            Error(deadlines, $"{where}: the emergency deadline must not be longer than the normal one.");
        }
        return new ApprovalDeadlines(normal ?? DefaultDeadlines.Normal, emergency ?? DefaultDeadlines.Emergency);
    }

    private CategoryTemplate ReadTemplate(YamlMappingNode map, string name, string where)
    {
        if (Map(map, "template", where, required: false) is not { } template)
        {
            return new CategoryTemplate("", "", "", "");
        }
        Keys(template, $"{where} template", "body", "email-subject", "email-body", "short-text", "support-faq");
        string Liquid(string key)
        {
            var text = Text(template, key, where) ?? "";
            if (CommunicationTemplates.Check(text) is { } error)
            {
                Error(Child(template, key) ?? template, $"{where}: template {key} is not valid Liquid: {error}");
            }
            else if (CommunicationTemplates.CheckLimits(name, text) is { } limit)
            {
                Error(Child(template, key) ?? template, $"{where}: template {key} exceeds the template limits: {limit}.");
            }
            return text;
        }
        return new CategoryTemplate(Liquid("body"), Liquid("email-subject"), Liquid("email-body"), Liquid("short-text"), Liquid("support-faq"));
    }

    private List<string> TeamList(YamlMappingNode map, string key, string where) =>
        [.. Sequence(map, key, where).Select(node => TeamRef(node, where)).OfType<string>()];

    private List<string> Words(YamlMappingNode map, string key, string where, IReadOnlySet<string> allowed)
    {
        var words = new List<string>();
        foreach (var node in Sequence(map, key, where))
        {
            var word = (node as YamlScalarNode)?.Value;
            if (word is null || !allowed.Contains(word))
            {
                Error(node, $"{where}: {key} '{word}' must be one of {string.Join(", ", allowed)}.");
            }
            else if (!words.Contains(word))
            {
                words.Add(word);
            }
        }
        return words;
    }

    private string? TeamRef(YamlNode node, string where)
    {
        var team = (node as YamlScalarNode)?.Value;
        if (team is not null && _teams.ContainsKey(team))
        {
            return team;
        }
        Error(node, $"{where}: '{team}' is not one of the teams ({string.Join(", ", _teams.Keys)}).");
        return null;
    }

    private IEnumerable<YamlNode> Sequence(YamlMappingNode map, string key, string where)
    {
        var node = Child(map, key);
        if (node is null)
        {
            return [];
        }
        if (node is YamlSequenceNode sequence)
        {
            return sequence.Children;
        }
        Error(node, $"{where}: {key} must be a list, such as [a, b].");
        return [];
    }

    private YamlMappingNode? Map(YamlMappingNode map, string key, string where, bool required)
    {
        var node = Child(map, key);
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }
        if (node is not null || required)
        {
            Error(node ?? map, $"{where}: {key} must be a mapping.");
        }
        return null;
    }

    private string? Text(YamlMappingNode map, string key, string where, bool required = false)
    {
        var node = Child(map, key);
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }
        if (node is not null)
        {
            Error(node, $"{where}: {key} must be a single value.");
        }
        else if (required)
        {
            Missing(map, where, key);
        }
        return null;
    }

    private bool Flag(YamlMappingNode map, string key, string where)
    {
        var text = Text(map, key, where);
        if (text is null)
        {
            return false;
        }
        if (bool.TryParse(text, out var value))
        {
            return value;
        }
        Error(Child(map, key) ?? map, $"{where}: {key} must be true or false.");
        return false;
    }

    private int? Number(YamlMappingNode map, string key, string where, int min, int max) =>
        Child(map, key) is { } node ? NumberOf(node, $"{where}: {key}", min, max) : null;

    private int? NumberOf(YamlNode node, string what, int min, int max)
    {
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }
        Error(node, $"{what} must be a whole number from {min} to {max}.");
        return null;
    }

    private void Keys(YamlMappingNode map, string where, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name))
            {
                Error(key, $"{where}: unknown key '{name}'; expected {string.Join(", ", allowed)}.");
            }
        }
    }

    private string? Missing(YamlMappingNode map, string where, string key)
    {
        Error(map, $"{where}: {key} is required.");
        return null;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private void Error(YamlNode node, string message) => _errors.Add(new PolicyProblem(source, node.Start.Line, message));
}
