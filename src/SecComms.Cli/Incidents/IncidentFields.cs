using System.CommandLine;

namespace SecComms.Cli.Incidents;

/// <summary>
/// The facts of an incident, for <c>open</c> (where title, kind, severity and awareness are required) and <c>update</c>
/// (where an option left out keeps its value and an empty one clears it).
/// </summary>
internal sealed class IncidentFields
{
    public static readonly string[] Kinds = ["breach", "customer-compromise", "data-loss", "accidental-disclosure", "misconfiguration", "other"];
    public static readonly string[] Severities = ["s1", "s2", "s3", "s4"];

    private readonly Option<string> _title;
    private readonly Option<string> _kind;
    private readonly Option<string> _severity;
    private readonly Option<string> _becameAware;
    private readonly Option<bool?> _personalData = Flag("--personal-data", "Personal data is involved (starts the GDPR clock)");
    private readonly Option<string> _summary = new("--summary") { Description = "What is known so far.", HelpName = "text" };
    private readonly Option<string> _detected = Instants.Option("--detected", "When it was first detected");
    private readonly Option<bool?> _activelyExploited = Flag("--actively-exploited", "A vulnerability is being actively exploited");
    private readonly Option<bool?> _publiclyReported = Flag("--publicly-reported", "It has been reported publicly, such as in the press or on social media");
    private readonly Option<string> _regions;
    private readonly Option<string> _customerTiers;
    private readonly Option<string> _dataCategories;
    private readonly Option<string> _communicationsManager;
    private readonly Option<string> _incidentManager;
    private readonly Option<string> _engineer;

    public IncidentFields(bool creating)
    {
        var clears = creating ? "" : " An empty value (\"\") clears it.";
        _title = new("--title") { Description = "A short internal name for the incident.", Required = creating, HelpName = "text" };
        _kind = new("--kind") { Description = "breach, customer-compromise, data-loss, accidental-disclosure, misconfiguration or other.", Required = creating };
        _kind.AcceptOnlyFromAmong(Kinds);
        _severity = new("--severity") { Description = "s1 (most severe) to s4; the severity sets the update cadence, engagement and approval windows.", Required = creating };
        _severity.AcceptOnlyFromAmong(Severities);
        _becameAware = Instants.Option("--became-aware", "When the company became aware of it; regulatory clocks run from here");
        _becameAware.Required = creating;
        _regions = List("--regions", "Where affected people or systems are, comma-separated, such as EU,US" + (creating ? "" : "; replaces the list"), clears);
        _customerTiers = List("--customer-tiers", "The contract tiers of affected customers, comma-separated, such as enterprise; each starts its notification clock", clears);
        _dataCategories = List("--data-categories", "The kinds of data involved, comma-separated, such as credentials,financial", clears);
        _communicationsManager = Person("--communications-manager", "The communications manager", clears);
        _incidentManager = Person("--incident-manager", "The incident manager", clears);
        _engineer = Person("--engineer", "The engineer on call", clears);
    }

    private Option[] All =>
    [
        _title, _kind, _severity, _becameAware, _personalData, _summary, _detected, _activelyExploited, _publiclyReported, _regions, _customerTiers,
        _dataCategories, _communicationsManager, _incidentManager, _engineer,
    ];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether the command line gives any field at all, so that an update without one is a usage error rather than nothing.</summary>
    public bool AnyGiven(ParseResult parsed) => All.Any(option => parsed.GetResult(option) is not null);

    /// <summary>The fields as the API's request body; null where an option was left out, so the server keeps that value.</summary>
    public object Read(ParseResult parsed, bool creating) => new
    {
        title = parsed.GetValue(_title),
        kind = parsed.GetValue(_kind),
        severity = parsed.GetValue(_severity),
        becameAwareAt = Instants.Read(parsed, _becameAware),
        // Opening asks for a yes or no; leaving the flag out says no personal data is known to be involved.
        personalData = creating ? parsed.GetValue(_personalData) ?? false : parsed.GetValue(_personalData),
        details = new
        {
            summary = parsed.GetValue(_summary),
            detectedAt = Instants.Read(parsed, _detected),
            activelyExploited = parsed.GetValue(_activelyExploited),
            publiclyReported = parsed.GetValue(_publiclyReported),
            regions = Split(parsed.GetValue(_regions)),
            dataCategories = Split(parsed.GetValue(_dataCategories)),
            customerTiers = Split(parsed.GetValue(_customerTiers)),
            roles = new
            {
                engineer = parsed.GetValue(_engineer),
                incidentManager = parsed.GetValue(_incidentManager),
                communicationsManager = parsed.GetValue(_communicationsManager),
            },
        },
    };

    private static Option<bool?> Flag(string name, string description) => new(name)
    {
        Description = $"{description}; give false to say it is not.",
        Arity = ArgumentArity.ZeroOrOne,
        HelpName = "true|false",
    };

    private static Option<string> List(string name, string description, string clears) =>
        new(name) { Description = $"{description}.{clears}", HelpName = "list" };

    private static Option<string> Person(string name, string description, string clears) =>
        new(name) { Description = $"{description}, by email; they must be in the security team.{clears}", HelpName = "email" };

    private static List<string>? Split(string? value) =>
        value is null ? null : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
