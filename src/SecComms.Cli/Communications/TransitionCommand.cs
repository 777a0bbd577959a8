using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary>
/// <c>seccomms communications submit</c> and <c>publish</c>: one POST that moves a communication on, printing its new status.
/// </summary>
internal static class TransitionCommand
{
    public static Command Submit(CliHost host, ApiConnectionOptions api) =>
        Create(host, api, "submit", "Submit a draft for review; the first approval stage opens.", "submitted for review");

    public static Command Publish(CliHost host, ApiConnectionOptions api) =>
        Create(host, api, "publish", "Publish an approved or scheduled communication, freezing it at the approved revision.", "published");

    private static Command Create(CliHost host, ApiConnectionOptions api, string action, string description, string done)
    {
        var id = CommunicationId.Create();
        var json = JsonOption.Create();
        var command = new Command(action, description) { id, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync($"api/v1/communications/{guid}/{action}", null, cancellationToken);
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
