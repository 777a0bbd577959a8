using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SecComms.Testing.Advisories;

/// <summary>
/// One Node.js process running tests/csaf-validator/validate.js for the whole test run: loading the validator
/// library takes seconds, so documents are sent to it one per line and answered one per line.
/// </summary>
public static class CsafValidator
{
    private static readonly SemaphoreSlim Turn = new(1, 1);
    private static readonly Lazy<Process> Node = new(Start);

    /// <summary>Every failed test's errors and every optional test's warnings, each as "test: path message".</summary>
    public static async Task<(IReadOnlyList<string> Problems, IReadOnlyList<string> Warnings)> ValidateAsync(JsonObject document)
    {
        await Turn.WaitAsync();
        try
        {
            var node = Node.Value;
            await node.StandardInput.WriteLineAsync(document.ToJsonString());
            await node.StandardInput.FlushAsync();
            var line = await node.StandardOutput.ReadLineAsync()
                ?? throw new InvalidOperationException("The CSAF validator stopped: " + await node.StandardError.ReadToEndAsync());
            var tests = JsonNode.Parse(line)!.AsObject()["tests"]!.AsArray();
            return (
                [.. tests.Where(test => !test!["isValid"]!.GetValue<bool>()).SelectMany(test => Lines(test!, "errors"))],
                [.. tests.SelectMany(test => Lines(test!, "warnings"))]);
        }
        finally
        {
            Turn.Release();
        }
    }

    private static IEnumerable<string> Lines(JsonNode test, string kind) =>
        (test[kind]?.AsArray() ?? []).Select(entry => $"{test["name"]}: {entry!["instancePath"]} {entry["message"]}");

    private static Process Start()
    {
        var folder = ExportValidators.Ancestor(Path.Combine("tests", "csaf-validator"), "validate.js")
            ?? throw new InvalidOperationException("tests/csaf-validator/validate.js was not found above " + AppContext.BaseDirectory + ".");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@secvisogram", "csaf-validator-lib")))
        {
            throw new InvalidOperationException($"The CSAF validator library is not installed: run `npm ci` in {folder} (Node.js and npm come from the nodejs and npm packages).");
        }
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("validate.js");
        var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        // The process ends by itself when the test host exits and its standard input closes.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => node.StandardInput.Close();
        return node;
    }
}
