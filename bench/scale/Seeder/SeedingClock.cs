namespace SecComms.Bench.ScaleSeeder;

/// <summary>A clock set by the seeder, so ten years of records are spread over ten years that end now.</summary>
internal sealed class SeedingClock(DateTimeOffset start, DateTimeOffset end) : TimeProvider
{
    private DateTimeOffset _now = start;

    public DateTimeOffset End => end;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;
}
