using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Releases;

/// <summary><c>seccomms releases show</c>: a release, what it fixes, its communications and their state, and what disagrees.</summary>
internal static class ShowReleaseCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = ReleaseId.Create();
        var json = JsonOption.Create();
        var command = new Command("show",
            "Show a security release: its versions and dates, the vulnerabilities it fixes, its communications with their state, and any inconsistency between them.")
        {
            id, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var guid = await ReleaseId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.GetAsync($"api/v1/releases/{guid}", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                await WriteAsync(host.Out, client.Read<ReleaseDetails>(raw));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteAsync(TextWriter output, ReleaseDetails d)
    {
        var r = d.Release;
        await output.WriteLineAsync($"{r.Reference}: {r.Title}");
        var lines = d.MinorLines.Count == 0 ? ""
            : $" (lines {string.Join(", ", d.MinorLines)}; the policy supports {Formats.Number(d.SupportedMinorLines)})";
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "  id", r.Id.ToString() },
            new[] { "  kind", r.Kind },
            new[] { "  status", r.Status },
            new[] { "  product", r.Product ?? "-" },
            new[] { "  versions", r.Versions.Count == 0 ? "none yet" : string.Join(", ", r.Versions) + lines },
            new[] { "  planned for", r.PlannedFor is { } planned ? Formats.Instant(planned) : "-" },
        };
        if (r.PreparedAt is { } prepared)
        {
            rows.Add(["  prepared", Formats.Instant(prepared)]);
        }
        if (r.PublishedAt is { } published)
        {
            rows.Add(["  published", Formats.Instant(published)]);
        }
        rows.Add(["  created", Formats.Instant(r.CreatedAt)]);
        TextTable.Write(output, rows);
        await ReleaseOutput.WriteVulnerabilitiesAsync(output, d);
        await ReleaseOutput.WriteCommunicationsAsync(output, d);
        await ReleaseOutput.WriteArmedAsync(output, d);
        await ReleaseOutput.WriteInconsistenciesAsync(output, d);
    }
}
