using System.CommandLine;
using System.Net.Http.Headers;
using System.Text.Json;
using SecComms.Cli.Client;
using SecComms.Cli.Output;

namespace SecComms.Cli.Audiences;

/// <summary>
/// <c>seccomms contacts import FILE</c>: streams a CSV file to the import, which saves contacts as it reads, so the
/// bytes sent are the import's progress; then prints what it did and every row it skipped.
/// </summary>
internal static class ImportContactsCommand
{
    /// <summary>The largest body the server takes for an import.</summary>
    public const long MaxBytes = 1024L * 1024 * 1024;

    public static readonly IReadOnlyList<string> BadRowHeaders = ["LINE", "FIELD", "MESSAGE"];

    public static Command Create(CliHost host, ApiConnectionOptions api)
    {
        var file = new Argument<FileInfo>("file")
        {
            Description = "The CSV file (UTF-8): a header naming the columns, email,name,organization and any of role,tier,deployment,product_version,region,subscribed, then one contact a line.",
        };
        var json = JsonOption.Create();
        var command = new Command("import",
            "Add contacts from a CSV file, or update those with the same address, creating their organizations; importing the same file again changes nothing. " +
            $"Rows with a problem are skipped and listed, and the exit code is then {ExitCodes.Partial}.")
        {
            file, json,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var source = parsed.GetValue(file)!;
            if (!source.Exists)
            {
                throw CliException.Usage($"no such file: {source.FullName}.");
            }
            if (source.Length > MaxBytes)
            {
                throw CliException.Usage($"{source.Name} is {Formats.Bytes(source.Length)}; the server imports at most {Formats.Bytes(MaxBytes)} at a time: split it.");
            }
            using var client = api.Connect(parsed, host, Timeout.InfiniteTimeSpan);
            var raw = await UploadAsync(host, client, source, plainProgress: !parsed.GetValue(json), cancellationToken);
            var report = client.Read<ImportReport>(raw);
            if (parsed.GetValue(json))
            {
                CliJson.Write(host.Out, raw);
            }
            else
            {
                await WriteAsync(host.Out, source.Name, report);
            }
            return report.Skipped > 0 ? ExitCodes.Partial : ExitCodes.Success;
        });
        return command;
    }

    private static async Task<JsonElement> UploadAsync(CliHost host, ApiClient client, FileInfo source, bool plainProgress, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"cannot read {source.FullName}: {e.Message}");
        }
        var total = stream.Length;
        if (host.Interactive && plainProgress)
        {
            return await ProgressBars.RunAsync(host, $"Importing {source.Name}", total, bytes: true, async bar =>
                await PostAsync(client, new ProgressStream(stream, sent => bar.Value = sent), cancellationToken));
        }
        var reported = 0L;
        return await PostAsync(client, new ProgressStream(stream, sent =>
        {
            // One plain line each tenth of the file, for logs.
            var tenth = total == 0 ? 10 : sent * 10 / total;
            if (plainProgress && tenth > reported)
            {
                reported = tenth;
                host.Out.WriteLine($"Sent {Formats.Percent(tenth / 10.0)} ({Formats.Bytes(sent)} of {Formats.Bytes(total)}).");
            }
        }), cancellationToken);
    }

    private static async Task<JsonElement> PostAsync(ApiClient client, ProgressStream body, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(body, 81920);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        return await client.PostContentAsync("api/v1/contacts/import", content, cancellationToken);
    }

    private static async Task WriteAsync(TextWriter output, string name, ImportReport r)
    {
        await output.WriteLineAsync($"{name}: {Formats.Number(r.Rows)} rows; {Formats.Number(r.Created)} created, {Formats.Number(r.Updated)} updated, " +
            $"{Formats.Number(r.Unchanged)} unchanged, {Formats.Number(r.Skipped)} skipped; {Formats.Number(r.OrganizationsCreated)} organizations created.");
        if (r.Skipped == 0)
        {
            return;
        }
        TextTable.Write(output, r.BadRows.Select(b => (IReadOnlyList<string>)[Formats.Number(b.Line), b.Field, b.Message]), BadRowHeaders);
        var listed = r.BadRows.Select(b => b.Line).Distinct().LongCount();
        if (listed < r.Skipped)
        {
            await output.WriteLineAsync($"The first {Formats.Number(listed)} of {Formats.Number(r.Skipped)} skipped rows are listed.");
        }
        await output.WriteLineAsync($"{Formats.Number(r.Skipped)} rows were skipped: correct them and import the file again; the rows imported stay as they are.");
    }
}
