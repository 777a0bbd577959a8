using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Exceptions;

/// <summary><c>seccomms exceptions approve</c>, <c>reject</c> and <c>revoke</c>: an approver's decision, printing where the exception now stands.</summary>
internal static class DecideExceptionCommand
{
    public static Command Approve(CliHost host, ApiConnectionOptions api)
    {
        var comment = new Option<string>("--comment") { Description = "A note kept with the approval." };
        return Create(host, api, "approve", "Approve a requested exception (an approver, never its requester): it is in force from now for its period.",
            comment, "comment");
    }

    public static Command Reject(CliHost host, ApiConnectionOptions api)
    {
        var reason = new Option<string>("--reason") { Description = "Why; the requester reads it.", Required = true };
        return Create(host, api, "reject", "Reject a requested exception, with a reason.", reason, "reason");
    }

    public static Command Revoke(CliHost host, ApiConnectionOptions api)
    {
        var reason = new Option<string>("--reason") { Description = "Why it ends early; the requester reads it.", Required = true };
        return Create(host, api, "revoke", "Revoke an exception in force before its period is over, with a reason.", reason, "reason");
    }

    private static Command Create(CliHost host, ApiConnectionOptions api, string action, string description, Option<string> text, string field)
    {
        var id = ExceptionId.Create();
        var json = JsonOption.Create();
        var command = new Command(action, description) { id, text, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = ExceptionId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync($"api/v1/exceptions/{guid}/{action}", new Dictionary<string, string?> { [field] = parsed.GetValue(text) },
                cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                var e = client.Read<ExceptionDetail>(raw);
                await host.Out.WriteLineAsync(e.InForce && e.ExpiresAt is { } expires
                    ? $"{e.Reference}: {e.Status}; in force until {Formats.Instant(expires)}."
                    : $"{e.Reference}: {e.Status}; not in force.");
            }
            return ExitCodes.Success;
        });
        return command;
    }
}
