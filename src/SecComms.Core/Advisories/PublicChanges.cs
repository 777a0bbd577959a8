namespace SecComms.Core.Advisories;

/// <summary>
/// Counts the publications this process has made, so that copies kept of public documents can tell they are stale.
/// </summary>
/// <remarks>
/// Counted once the publication is committed: a copy made before then is under an older count, and one made after
/// already shows it. Only this process's own publications count; copies kept by another node age out on their own.
/// </remarks>
public sealed class PublicChanges
{
    private long _count;

    /// <summary>Changes whenever something is published through this process.</summary>
    public long Count => Interlocked.Read(ref _count);

    internal void Published() => Interlocked.Increment(ref _count);
}
