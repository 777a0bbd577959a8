using Spectre.Console;

namespace SecComms.Cli.Output;

/// <summary>
/// A live progress bar for a person at a terminal (<see cref="CliHost.Interactive"/>). Redirected output, CI logs and
/// <c>--json</c> never get one: there the commands print plain lines, which a log keeps readable.
/// </summary>
internal static class ProgressBars
{
    /// <summary>Runs <paramref name="work"/> while drawing one bar that it moves; a byte bar also shows the size and speed.</summary>
    public static Task<T> RunAsync<T>(CliHost host, string description, double total, bool bytes, Func<ProgressTask, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(host.Out),
            Ansi = AnsiSupport.Yes,
            ColorSystem = host.Colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        ProgressColumn[] columns = bytes
            ? [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn()]
            : [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()];
        return console.Progress().AutoClear(false).HideCompleted(false).Columns(columns)
            .StartAsync(context => work(context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1))));
    }

    /// <summary>Text for a progress task's description, which Spectre reads as markup.</summary>
    public static string Plain(string text) => Markup.Escape(text);
}
