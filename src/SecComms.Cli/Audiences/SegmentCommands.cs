using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Audiences;

/// <summary><c>seccomms audiences</c>: segments, the named audiences a communication's email goes to, and who each reaches now.</summary>
internal static class SegmentCommands
{
    public static readonly IReadOnlyList<string> Headers = ["KEY", "NAME", "MANDATORY", "RECIPIENTS", "FILTERS"];

    public static readonly IReadOnlyList<string> SampleHeaders = ["EMAIL", "NAME", "ORGANIZATION", "ROLE"];

    public static Command Create(CliHost host) => CommandGroup.Create<ApiConnectionOptions>("audiences",
        "Define segments (named audiences by tier, deployment, region, product version, role or organization), see who they reach, redefine and delete them " +
        "with the SecComms API (needs --url and --token).",
        api => [List(host, api), Show(host, api), Preview(host, api), SegmentDefinitionCommands.Create(host, api), SegmentDefinitionCommands.Update(host, api), Delete(host, api)]);

    private static Argument<string> Key() => new("key") { Description = "The segment's key, such as enterprise-eu (the KEY column of `seccomms audiences list`)." };

    private static string Path(ParseResult parsed, Argument<string> key) => $"api/v1/audiences/{Uri.EscapeDataString(parsed.GetValue(key) ?? "")}";

    private static Command List(CliHost host, ApiConnectionOptions api)
    {
        var json = JsonOption.Create();
        var command = new Command("list", "List the segments by key, each with how many contacts it reaches now.") { json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync("api/v1/audiences", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var segments = client.Read<List<SegmentDetail>>(raw);
            if (segments.Count == 0)
            {
                await host.Out.WriteLineAsync("No segments yet; `seccomms audiences create` defines one.");
                return ExitCodes.Success;
            }
            TextTable.Write(host.Out, segments.Select(s => (IReadOnlyList<string>)
            [
                s.Key,
                s.Name,
                Formats.YesNo(s.Mandatory),
                Formats.Number(s.Recipients),
                Filters(s),
            ]), Headers);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliHost host, ApiConnectionOptions api)
    {
        var key = Key();
        var json = JsonOption.Create();
        var command = new Command("show", "Show a segment: its filters and how many contacts it reaches now.") { key, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync(Path(parsed, key), cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var s = client.Read<SegmentDetail>(raw);
            await host.Out.WriteLineAsync($"{s.Key}: {s.Name}");
            TextTable.Write(host.Out,
            [
                ["  description", s.Description ?? "-"],
                ["  mandatory", s.Mandatory ? "yes: every matching contact, subscribed or not" : "no: subscribed contacts only"],
                ["  tiers", Any(s.Tiers)],
                ["  deployments", Any(s.Deployments)],
                ["  regions", Any(s.Regions)],
                ["  versions", Any(s.ProductVersions)],
                ["  roles", Any(s.Roles)],
                ["  organizations", Any(s.Organizations)],
                ["  recipients", Formats.Number(s.Recipients)],
            ]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Preview(CliHost host, ApiConnectionOptions api)
    {
        var key = Key();
        var json = JsonOption.Create();
        var command = new Command("preview", "Show who a segment reaches now: how many contacts at how many organizations, and the first few.") { key, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync(Path(parsed, key) + "/preview", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            await WritePreviewAsync(host.Out, client.Read<AudiencePreview>(raw));
            return ExitCodes.Success;
        });
        return command;
    }

    public static async Task WritePreviewAsync(TextWriter output, AudiencePreview p)
    {
        await output.WriteLineAsync($"{char.ToUpperInvariant(p.Audience[0])}{p.Audience[1..]} reaches {Formats.Number(p.Recipients)} contacts at " +
            $"{Formats.Number(p.Organizations)} organizations ({(p.Mandatory ? "mandatory: subscribed or not" : "subscribers only")}).");
        if (p.Sample.Count == 0)
        {
            return;
        }
        TextTable.Write(output, p.Sample.Select(c => (IReadOnlyList<string>)[c.Email, c.Name, c.Organization, c.Role]), SampleHeaders);
        if (p.Sample.Count < p.Recipients)
        {
            await output.WriteLineAsync($"The first {Formats.Number(p.Sample.Count)} by address are shown.");
        }
    }

    private static Command Delete(CliHost host, ApiConnectionOptions api)
    {
        var key = Key();
        var json = JsonOption.Create();
        var command = new Command("delete", "Delete a segment that no communication has as its audience.") { key, json };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            await client.DeleteAsync(Path(parsed, key), cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, new { key = parsed.GetValue(key), deleted = true });
            }
            else
            {
                await host.Out.WriteLineAsync($"Deleted the segment {parsed.GetValue(key)}.");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Filters(SegmentDetail s)
    {
        var parts = new List<string>();
        void Add(string name, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                parts.Add($"{name}={string.Join(',', values)}");
            }
        }
        Add("tier", s.Tiers);
        Add("deployment", s.Deployments);
        Add("region", s.Regions);
        Add("version", s.ProductVersions);
        Add("role", s.Roles);
        Add("organization", s.Organizations);
        return parts.Count == 0 ? "every contact" : TextTable.Shorten(string.Join(' ', parts), 60);
    }

    private static string Any(IReadOnlyList<string> values) => values.Count == 0 ? "any" : string.Join(", ", values);
}
