using System.Diagnostics;
using System.Globalization;

namespace SecComms.Bench.ScaleSeeder;

/// <summary>Where seeding spends its time: the mean milliseconds of each kind of step, for the benchmark's notes.</summary>
internal sealed class PhaseTimes
{
    private readonly Dictionary<string, (long Ticks, int Count)> _phases = [];

    public async Task<T> TimeAsync<T>(string phase, Func<Task<T>> step)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await step();
        var (ticks, count) = _phases.GetValueOrDefault(phase);
        _phases[phase] = (ticks + Stopwatch.GetTimestamp() - started, count + 1);
        return result;
    }

    public Task TimeAsync(string phase, Func<Task> step) => TimeAsync(phase, async () =>
    {
        await step();
        return true;
    });

    public override string ToString() => string.Join(", ", _phases.Select(p => string.Create(CultureInfo.InvariantCulture,
        $"{p.Key} {p.Value.Ticks * 1000.0 / Stopwatch.Frequency / p.Value.Count:F1} ms x{p.Value.Count}")));
}
