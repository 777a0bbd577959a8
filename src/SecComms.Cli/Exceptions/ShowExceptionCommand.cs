using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Exceptions;

/// <summary><c>seccomms exceptions show</c>: one exception, its decision and the case made for it.</summary>
internal static class ShowExceptionCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = ExceptionId.Create();
        var json = JsonOption.Create();
        var command = new Command("show", "Show a policy exception: its status, decision, period, communication and gates, and the case made for it.")
        {
            id, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = ExceptionId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync($"api/v1/exceptions/{guid}", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                await WriteAsync(host.Out, client.Read<ExceptionDetail>(raw));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, ExceptionDetail e)
    {
        await output.WriteLineAsync($"{e.Reference}: {e.Rule}");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "  id", e.Id.ToString() },
            new[] { "  status", e.Status + (e.InForce ? " (in force)" : "") },
            new[] { "  risk", e.Risk },
            new[] { "  period", $"{Formats.Number(e.PeriodDays)} days from approval" },
            new[] { "  communication", e.Communication is { } c ? $"{c.Reference} {c.Title} ({c.Id})" : "none" },
            new[] { "  gates", e.Gates.Count == 0 ? "none" : string.Join(", ", e.Gates) },
            new[] { "  requested", $"{Formats.Instant(e.RequestedAt)} by {e.RequestedBy}" },
        };
        if (e.DecidedBy is { } decider && e.DecidedAt is { } decided)
        {
            rows.Add(["  decided", $"{Formats.Instant(decided)} by {decider}" + (e.DecisionComment is null ? "" : $": {e.DecisionComment}")]);
        }
        if (e.ExpiresAt is { } expires)
        {
            rows.Add(["  expires", Formats.Instant(expires)]);
        }
        if (e.RevokedBy is { } revoker && e.RevokedAt is { } revoked)
        {
            rows.Add(["  revoked", $"{Formats.Instant(revoked)} by {revoker}: {e.RevocationReason}"]);
        }
        if (e.Extends is { } original)
        {
            rows.Add(["  extends", $"{original.Reference} ({original.Status})"]);
        }
        if (e.Extensions.Count > 0)
        {
            rows.Add(["  extensions", string.Join(", ", e.Extensions.Select(x => $"{x.Reference} ({x.Status})"))]);
        }
        if (e.PolicyHash is { } hash)
        {
            rows.Add(["  policy hash", hash]);
        }
        TextTable.Write(output, rows);
        await WriteTextAsync(output, "Justification", e.Justification);
        await WriteTextAsync(output, "Alternatives considered", e.AlternativesConsidered);
        await WriteTextAsync(output, "Compensating controls", e.CompensatingControls);
    }

    private static async Task WriteTextAsync(TextWriter output, string name, string text)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"--- {name} ---");
        await output.WriteLineAsync(text.TrimEnd('\n'));
    }
}
