using System.CommandLine;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Communications;

/// <summary><c>seccomms communications show</c>: one communication with the full text of its current revision.</summary>
internal static class ShowCommunicationCommand
{
    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var id = CommunicationId.Create();
        var json = JsonOption.Create();
        var command = new Command("show", "Show a communication: its details and every channel variant of its current revision.")
        {
            id, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var guid = CommunicationId.Parse(parsed, id);
            using var client = api.Connect(parsed, host);
            var raw = await client.GetAsync($"api/v1/communications/{guid}", cancellationToken);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                await WriteAsync(host.Out, client.Read<CommunicationDetail>(raw));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The details and every variant of the current revision, as <c>show</c> prints them and <c>approve</c> asks about.</summary>
    internal static async Task WriteAsync(TextWriter output, CommunicationDetail c)
    {
        var revision = c.Revision;
        await output.WriteLineAsync($"{c.Reference}: {c.Title}");
        TextTable.Write(output,
        [
            ["  id", c.Id.ToString()],
            ["  status", c.Status],
            ["  category", c.Category],
            ["  confidential", Formats.YesNo(c.Confidential)],
            ["  created", $"{Formats.Instant(c.CreatedAt)} by {c.CreatedBy}"],
            ["  updated", Formats.Instant(c.UpdatedAt)],
            ["  participants", string.Join(", ", c.Participants)],
            ["  revision", $"{Formats.Number(revision.Number)}, {Formats.Instant(revision.CreatedAt)} by {revision.Author}"
                + (revision.Note is null ? "" : $": {revision.Note}")],
            ["  content hash", revision.ContentHash],
            ["  package hash", c.PackageHash],
            ["  you may", c.Allowed.Count == 0 ? "read it" : string.Join(", ", c.Allowed)],
        ]);
        await WriteVariantAsync(output, "Title", revision.Content.Title);
        await WriteVariantAsync(output, "Body (Markdown)", revision.Content.Body);
        await WriteVariantAsync(output, "Email subject", revision.Content.EmailSubject);
        await WriteVariantAsync(output, "Email body", revision.Content.EmailBody);
        await WriteVariantAsync(output, "Short text", revision.Content.ShortText);
    }

    private static async Task WriteVariantAsync(TextWriter output, string name, string text)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync($"--- {name} ---");
        await output.WriteLineAsync(text.Length == 0 ? "(empty)" : text.TrimEnd('\n'));
    }
}
