using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace SecComms.Core.Data;

/// <summary>
/// The writers of one process on one database, let into their transactions one at a time, in the order they asked.
/// </summary>
/// <remarks>
/// The database lock alone serialises writers across processes, but a SQLite writer that finds it taken sleeps 150 ms on a
/// thread-pool thread and tries again, so under sixteen writers most of the time went to sleeping and to threads the pool
/// had to add. Queueing here first, without a thread, leaves the database lock to settle only what other processes (another
/// node, the CLI) do at the same moment.
/// </remarks>
internal static class WriterQueue
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Queues = new(StringComparer.Ordinal);

    /// <summary>The queue of <paramref name="db"/>'s database: wait on it before the transaction, release it after.</summary>
    public static SemaphoreSlim For(SecCommsDb db) =>
        Queues.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
}
