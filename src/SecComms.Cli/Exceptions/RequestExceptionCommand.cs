using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Exceptions;

/// <summary>
/// <c>seccomms exceptions request</c> and <c>extend</c>: a new request in the register, which the approver teams are told
/// about; printing its reference and id.
/// </summary>
internal static class RequestExceptionCommand
{
    public static Command Request(CliHost host, ApiConnectionOptions api)
    {
        var rule = new Option<string>("--rule") { Description = "The policy or rule this departs from, in words.", Required = true, HelpName = "text" };
        var communication = new Option<string>("--communication") { Description = "The communication it is for, by its id.", HelpName = "id" };
        var gates = new Option<string[]>("--gate")
        {
            Description = "A disclosure gate it lets the communication pass: fix-released, incident-contained or embargo-passed (repeat for more).",
            HelpName = "gate",
        };
        var reasons = new CaseOptions();
        var json = JsonOption.Create();
        var command = new Command("request", "Request a policy exception; a member of an approver team decides on it.") { rule, communication, gates };
        reasons.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var communicationId = parsed.GetValue(communication) is { } value
                ? Guid.TryParse(value, out var guid) ? guid : throw CliException.Usage($"--communication must be a communication id, not '{value}'.")
                : (Guid?)null;
            var (justification, alternatives, controls, risk, days) = reasons.Read(parsed);
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync("api/v1/exceptions", new
            {
                rule = parsed.GetValue(rule),
                communicationId,
                gates = parsed.GetValue(gates) ?? [],
                justification,
                alternativesConsidered = alternatives,
                compensatingControls = controls,
                risk,
                periodDays = days,
            }, cancellationToken);
            await WriteAsync(host, parsed.GetValue(json), client, raw, "");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Extend(CliHost host, ApiConnectionOptions api)
    {
        var id = ExceptionId.Create();
        var reasons = new CaseOptions();
        var json = JsonOption.Create();
        var command = new Command("extend",
            "Request an extension of an approved exception (in force or expired): a new request for the same rule, communication and gates.") { id };
        reasons.AddTo(command);
        command.Options.Add(json);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = ExceptionId.Parse(parsed, id);
            var (justification, alternatives, controls, risk, days) = reasons.Read(parsed);
            using var client = api.Connect(parsed, host);
            var raw = await client.PostAsync($"api/v1/exceptions/{guid}/extend", new
            {
                justification,
                alternativesConsidered = alternatives,
                compensatingControls = controls,
                risk,
                periodDays = days,
            }, cancellationToken);
            await WriteAsync(host, parsed.GetValue(json), client, raw, " to extend");
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(CliHost host, bool json, ApiClient client, System.Text.Json.JsonElement raw, string purpose)
    {
        if (json)
        {
            CliJson.Write(host.Out, raw);
            return;
        }
        var e = client.Read<ExceptionDetail>(raw);
        var extends = e.Extends is { } original ? $" {original.Reference}" : "";
        await host.Out.WriteLineAsync(
            $"{e.Reference}: requested{purpose}{extends} for {Formats.Number(e.PeriodDays)} days (risk {e.Risk}); it waits for an approver. Id: {e.Id}");
    }
}
