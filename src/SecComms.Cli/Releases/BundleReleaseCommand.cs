using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;
using SecComms.Cli.Vulnerabilities;

namespace SecComms.Cli.Releases;

/// <summary><c>seccomms releases bundle ID VULN...</c>: sets exactly which vulnerabilities a planned release fixes.</summary>
internal static class BundleReleaseCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = ReleaseId.Create();
        var vulnerabilities = new Argument<string[]>("vulnerabilities")
        {
            Description = "Every vulnerability the release fixes, by id or reference (VULN-7); they replace the ones bundled before.",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = JsonOption.Create();
        var command = new Command("bundle", "Set the vulnerabilities a planned release fixes: exactly those given, replacing the list it had.")
        {
            id, vulnerabilities, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var guid = await ReleaseId.ResolveAsync(parsed, id, client, cancellationToken);
            var ids = new List<Guid>();
            foreach (var value in parsed.GetValue(vulnerabilities) ?? [])
            {
                ids.Add(await VulnerabilityId.ResolveAsync(value, client, cancellationToken));
            }
            var raw = await client.PutAsync($"api/v1/releases/{guid}/vulnerabilities", new { vulnerabilityIds = ids }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var d = client.Read<ReleaseDetails>(raw);
            await host.Out.WriteLineAsync($"{d.Release.Reference}: fixes {string.Join(", ", d.Vulnerabilities.Select(v => v.Reference))}.");
            await ReleaseOutput.WriteInconsistenciesAsync(host.Out, d);
            return ExitCodes.Success;
        });
        return command;
    }
}
