namespace SecComms.Bench.Seeder;

/// <summary>A clock that moves only when told, so seeded publications are spread over years rather than one minute.</summary>
internal sealed class SeedingClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
