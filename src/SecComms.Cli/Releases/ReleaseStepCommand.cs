using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Releases;

/// <summary><c>seccomms releases prepare</c> and <c>publish</c>: one POST that moves a release on, printing what it did.</summary>
internal static class ReleaseStepCommand
{
    public static Command Prepare(CliHost host, ApiConnectionOptions api)
    {
        var id = ReleaseId.Create();
        var risks = new Option<string?>("--risks")
        {
            Description = "Also answer the SAFE questions for the package: none, or a comma-separated list of sensitive, inaccurate, financial, effect.",
            HelpName = "risks",
        };
        var audience = new Option<string?>("--audience") { Description = "Also address the customer email to this segment.", HelpName = "segment" };
        var noAudience = new Option<string?>("--no-audience")
        {
            Description = "Instead of --audience: record that the customer email goes to no one, and why.",
            HelpName = "reason",
        };
        var submit = new Option<bool>("--submit") { Description = "Also submit everything it generated for review." };
        var json = JsonOption.Create();
        var command = new Command("prepare",
            "Generate the release's communications from the policy's templates: the blog post, the customer email and one advisory per vulnerability.")
        {
            id, risks, audience, noAudience, submit, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var safe = parsed.GetValue(risks) is { } named ? SafeAnswers.Parse(named) : null;
            var (segment, reason) = (parsed.GetValue(audience), parsed.GetValue(noAudience));
            if (segment is not null && reason is not null)
            {
                throw CliException.Usage("give --audience or --no-audience, not both.");
            }
            using var client = api.Connect(parsed, host);
            var guid = await ReleaseId.ResolveAsync(parsed, id, client, cancellationToken);
            var choice = segment is null && reason is null ? null : new { segment, noRecipientsReason = reason };
            var raw = await client.PostAsync($"api/v1/releases/{guid}/prepare", new { safe, audience = choice, submit = parsed.GetValue(submit) }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var d = client.Read<ReleaseDetails>(raw);
            await host.Out.WriteLineAsync($"{d.Release.Reference}: prepared; status is now {d.Release.Status}. Submit each communication for review next.");
            await ReleaseOutput.WriteCommunicationsAsync(host.Out, d);
            await ReleaseOutput.WriteInconsistenciesAsync(host.Out, d);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Publish(CliHost host, ApiConnectionOptions api)
    {
        var id = ReleaseId.Create();
        var leaveBehind = new Option<string[]>("--leave-behind")
        {
            Description = "An armed communication (SC-12) to leave behind, disarmed, if it cannot go out with the release; repeat for several.",
            HelpName = "reference",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = JsonOption.Create();
        var command = new Command("publish",
            "Mark the release as shipped: the vulnerabilities it fixes become released, the fix-released gate of its communications opens, and the communications armed to ship with it are published.")
        {
            id, leaveBehind, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var client = api.Connect(parsed, host);
            var guid = await ReleaseId.ResolveAsync(parsed, id, client, cancellationToken);
            var raw = await client.PostAsync($"api/v1/releases/{guid}/publish", new { leaveBehind = parsed.GetValue(leaveBehind) ?? [] }, cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
                return ExitCodes.Success;
            }
            var r = client.Read<ReleaseSummary>(raw);
            var at = r.PublishedAt is { } published ? $" at {Formats.Instant(published)}" : "";
            await host.Out.WriteLineAsync($"{r.Reference}: published{at}; the fix-released gate of its communications is open.");
            return ExitCodes.Success;
        });
        return command;
    }
}
