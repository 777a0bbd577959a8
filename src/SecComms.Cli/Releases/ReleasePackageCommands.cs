using System.CommandLine;
using System.Text.Json;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Releases;

/// <summary>
/// The release as one package: <c>package</c> shows what it generated and what waits on you, <c>safe</c> answers the
/// SAFE questions once, <c>submit</c> submits it all, <c>approve</c> approves what waits on you on the hashes you read,
/// <c>arm</c> arms it all to ship with the release.
/// </summary>
internal static class ReleasePackageCommands
{
    public static readonly IReadOnlyList<string> Headers = ["REFERENCE", "PART", "STATUS", "ASKS YOU", "PACKAGE HASH", "TITLE"];

    public static Command Show(CliHost host, ApiConnectionOptions api) =>
        Create(host, api, "package", "Show every communication the release generated, what waits on you and the package hash of each.", [],
            (client, guid, _, ct) => client.GetAsync($"api/v1/releases/{guid}/package", ct));

    public static Command Safe(CliHost host, ApiConnectionOptions api)
    {
        var risks = RisksOption();
        return Create(host, api, "safe", "Answer the SAFE questions once for the package; communications with answers of their own keep them.", [risks],
            (client, guid, parsed, ct) => client.PutAsync($"api/v1/releases/{guid}/safe", SafeAnswers.Parse(parsed.GetValue(risks)!), ct));
    }

    public static Command Submit(CliHost host, ApiConnectionOptions api) =>
        Create(host, api, "submit", "Submit every draft of the package for review, or none if one is not ready.", [],
            (client, guid, _, ct) => client.PostAsync($"api/v1/releases/{guid}/submit", null, ct));

    public static Command Arm(CliHost host, ApiConnectionOptions api) =>
        Create(host, api, "arm", "Arm every approved communication of the package to be published with the release, or none if one cannot be.", [],
            (client, guid, _, ct) => client.PostAsync($"api/v1/releases/{guid}/ship-with-release", null, ct));

    public static Command Approve(CliHost host, ApiConnectionOptions api)
    {
        var id = ReleaseId.Create();
        var hashes = new Option<string[]>("--package-hash")
        {
            Description = "REFERENCE=HASH: the package hash you were shown for each communication you approve (from `releases package`); repeat for each.",
            HelpName = "reference=hash",
            Required = true,
        };
        var comment = new Option<string?>("--comment") { Description = "A comment recorded with every approval." };
        var json = JsonOption.Create();
        var command = new Command("approve", "Approve for your stage each communication of the package you name, each on the package hash you read.")
        {
            id, hashes, comment, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var read = new List<(string Reference, string Hash)>();
            foreach (var value in parsed.GetValue(hashes) ?? [])
            {
                var parts = value.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                {
                    throw CliException.Usage($"--package-hash '{value}' is not REFERENCE=HASH, such as SC-12=3f2a….");
                }
                read.Add((parts[0], parts[1]));
            }
            using var client = api.Connect(parsed, host);
            var guid = await ReleaseId.ResolveAsync(parsed, id, client, cancellationToken);
            var package = client.Read<PackageDetails>(await client.GetAsync($"api/v1/releases/{guid}/package", cancellationToken));
            var decisions = new List<object>();
            foreach (var (reference, hash) in read)
            {
                var part = package.Parts.FirstOrDefault(p => string.Equals(p.Communication.Reference, reference, StringComparison.OrdinalIgnoreCase))
                    ?? throw CliException.Usage($"{reference} is not a communication of {package.Release.Reference} that you may see.");
                decisions.Add(new { communicationId = part.Communication.Id, packageHash = hash });
            }
            var raw = await client.PostAsync($"api/v1/releases/{guid}/approvals", new { decisions, comment = parsed.GetValue(comment) }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            foreach (var (reference, hash) in read)
            {
                await host.Out.WriteLineAsync($"{reference}: approved (package {hash}).");
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string> RisksOption() => new("--risks")
    {
        Description = "The SAFE risks the package raises: none, or a comma-separated list of sensitive, inaccurate, financial, effect.",
        HelpName = "risks",
        Required = true,
    };

    private static Command Create(CliHost host, ApiConnectionOptions api, string name, string description, Option[] options,
        Func<ApiClient, Guid, ParseResult, CancellationToken, Task<JsonElement>> send)
    {
        var id = ReleaseId.Create();
        var json = JsonOption.Create();
        var command = new Command(name, description) { id };
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        command.Options.Add(json);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var guid = await ReleaseId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await send(client, guid, parsed, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var package = client.Read<PackageDetails>(raw);
            await host.Out.WriteLineAsync($"{package.Release.Reference}: {package.Parts.Count} communications");
            TextTable.Write(host.Out, package.Parts.Select(p => (IReadOnlyList<string>)
            [
                p.Communication.Reference,
                p.Part ?? "-",
                p.Communication.Status + (p.Communication.ShipsWithRelease ? " (ships with release)" : ""),
                p.AsksYou ? "yes" : "no",
                p.Communication.PackageHash,
                TextTable.Shorten(p.Communication.Title, ReleaseOutput.TitleWidth),
            ]), Headers);
            return ExitCodes.Success;
        });
        return command;
    }
}

/// <summary>SAFE answers from the risks a person names.</summary>
internal static class SafeAnswers
{
    private static readonly string[] Risks = ["sensitive", "inaccurate", "financial", "effect"];

    public static object Parse(string value)
    {
        var named = value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)
            ? []
            : value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(r => r.ToLowerInvariant()).ToList();
        if (named.FirstOrDefault(r => !Risks.Contains(r)) is { } unknown)
        {
            throw CliException.Usage($"--risks '{unknown}' is not a SAFE risk; use none, or any of {string.Join(", ", Risks)}.");
        }
        return new
        {
            sensitive = named.Contains("sensitive"),
            accurate = !named.Contains("inaccurate"),
            financial = named.Contains("financial"),
            effect = named.Contains("effect"),
        };
    }
}

internal sealed record PackageDetails(ReleaseSummary Release, IReadOnlyList<PackagePartDetail> Parts);

internal sealed record PackagePartDetail(string? Part, string? VulnerabilityReference, bool AsksYou, Communications.CommunicationDetail Communication);
