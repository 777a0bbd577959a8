using Microsoft.EntityFrameworkCore;
using SecComms.Core.Telemetry;

namespace SecComms.Core.Data;

/// <summary>
/// Runs one change as a single transaction: the state change and its audit event are saved together or not at all.
/// </summary>
/// <remarks>
/// Writers are serialised, because every change appends to the one audit chain and must read its head without a race:
/// first in this process (<see cref="WriterQueue"/>, without holding a thread), then in the database, across nodes and
/// the CLI (SQLite takes its write lock when the transaction begins; PostgreSQL takes an advisory lock). So the lock is
/// held only while the change runs: callers read, check and build what they can before, and build their answer after. A
/// change run inside another's scope joins its transaction, so a batch of changes commits whole or not at all.
/// </remarks>
public sealed class WriteScope(SecCommsDb db)
{
    private const long WriterLockKey = 0x5EC_C0AA5;

    public async Task<T> RunAsync<T>(Func<Task<T>> change, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var joined = await change();
            await db.SaveChangesAsync(cancellationToken);
            return joined;
        }
        var queue = WriterQueue.For(db);
        await queue.WaitAsync(cancellationToken);
        try
        {
            return await InTransactionAsync(change, cancellationToken);
        }
        finally
        {
            queue.Release();
        }
    }

    private async Task<T> InTransactionAsync<T>(Func<Task<T>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriterLockKey})", cancellationToken);
            }
            var result = await change();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            SecCommsTelemetry.Committed(db.TakeSavedAuditActions());
            return result;
        }
        catch
        {
            db.ChangeTracker.Clear();
            db.TakeSavedAuditActions();
            throw;
        }
    }

    public Task RunAsync(Func<Task> change, CancellationToken cancellationToken) =>
        RunAsync(async () =>
        {
            await change();
            return true;
        }, cancellationToken);
}
