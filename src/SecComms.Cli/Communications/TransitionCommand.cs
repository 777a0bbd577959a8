using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary>
/// <c>seccomms communications submit</c>, <c>schedule</c> and <c>publish</c>: one POST that moves a communication on,
/// printing its new status.
/// </summary>
internal static class TransitionCommand
{
    public static Command Submit(CliHost host, ApiConnectionOptions api) =>
        Create(host, api, "submit", "Submit a draft for review; the first approval stage opens.", "submitted for review", [], _ => null);

    public static Command Schedule(CliHost host, ApiConnectionOptions api)
    {
        var at = new Option<DateTimeOffset>("--at") { Description = "When to publish, ISO 8601 with an offset (2026-12-03T09:00:00Z).", Required = true, HelpName = "time" };
        var exception = ExceptionOption();
        return Create(host, api, "schedule", "Schedule an approved communication; it is published at that time if its gates are open then.", "scheduled",
            [at, exception], parsed => new { at = parsed.GetValue(at), exceptionId = parsed.GetValue(exception) });
    }

    public static Command Publish(CliHost host, ApiConnectionOptions api)
    {
        var exception = ExceptionOption();
        return Create(host, api, "publish", "Publish an approved or scheduled communication now, freezing it at the approved revision.", "published",
            [exception], parsed => new { exceptionId = parsed.GetValue(exception) });
    }

    private static Option<Guid?> ExceptionOption() => new("--exception")
    {
        Description = "An approved policy exception for this communication that lets it past its closed disclosure gates.",
        HelpName = "exception-id",
    };

    private static Command Create(CliHost host, ApiConnectionOptions api, string action, string description, string done, Option[] options,
        Func<ParseResult, object?> body)
    {
        var id = CommunicationId.Create();
        var json = JsonOption.Create();
        var command = new Command(action, description) { id };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.Options.Add(json);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync($"api/v1/communications/{guid}/{action}", body(parsed), cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                var c = client.Read<CommunicationDetail>(raw);
                await host.Out.WriteLineAsync($"{c.Reference}: {done} (revision {Formats.Number(c.Revision.Number)}); status is now {c.Status}.");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
