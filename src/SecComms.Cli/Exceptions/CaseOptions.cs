using System.CommandLine;

namespace SecComms.Cli.Exceptions;

/// <summary>The case every exception request makes, for <c>request</c> and <c>extend</c>: why, what else, what limits the risk, how long.</summary>
internal sealed class CaseOptions
{
    private readonly Option<string> _justification = new("--justification") { Description = "Why the rule cannot be followed.", Required = true, HelpName = "text" };

    private readonly Option<string> _alternatives = new("--alternatives-considered")
    {
        Description = "What was considered instead of an exception, and why it does not do.",
        Required = true,
        HelpName = "text",
    };

    private readonly Option<string> _controls = new("--compensating-controls")
    {
        Description = "What limits the risk while the exception is in force.",
        Required = true,
        HelpName = "text",
    };

    private readonly Option<string> _risk = new("--risk") { Description = "The risk rating: low, medium, high or critical.", Required = true };

    private readonly Option<int?> _days = new("--period-days")
    {
        Description = "How many days it lasts once approved, at most the policy's maximum (90 by default).",
        Required = true,
        HelpName = "n",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_justification);
        command.Options.Add(_alternatives);
        command.Options.Add(_controls);
        command.Options.Add(_risk);
        command.Options.Add(_days);
    }

    /// <summary>The case as the API's request fields.</summary>
    public (string? Justification, string? AlternativesConsidered, string? CompensatingControls, string? Risk, int? PeriodDays) Read(ParseResult parsed) =>
        (parsed.GetValue(_justification), parsed.GetValue(_alternatives), parsed.GetValue(_controls), parsed.GetValue(_risk), parsed.GetValue(_days));
}
