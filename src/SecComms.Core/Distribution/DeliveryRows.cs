using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SecComms.Core.Data;

namespace SecComms.Core.Distribution;

/// <summary>
/// Claims due delivery rows and records their outcomes with single SQL statements, so that a node never waits on the
/// audit writer lock while sending and several nodes can share the work: on PostgreSQL each takes rows no other holds
/// (<c>FOR UPDATE SKIP LOCKED</c>); on SQLite the one writer at a time does the same.
/// </summary>
internal sealed class DeliveryRows(SecCommsDb db, string table = "deliveries")
{
    private const string Pending = $"('{nameof(DeliveryStatus.Queued)}', '{nameof(DeliveryStatus.Deferred)}')";

    /// <summary>Takes up to <paramref name="count"/> due rows until <paramref name="until"/>; returns their ids.</summary>
    public async Task<List<long>> ClaimAsync(int count, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        await using var command = await CommandAsync($"""
            UPDATE {table} SET "ClaimedUntil" = @until
            WHERE "Id" IN (
                SELECT "Id" FROM {table}
                WHERE "Status" IN {Pending} AND "NextAttemptAt" <= @now AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= @now)
                ORDER BY "NextAttemptAt", "Id" LIMIT {count} {skipLocked})
            RETURNING "Id"
            """, cancellationToken, ("until", until), ("now", now));
        var ids = new List<long>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }
        return ids;
    }

    public async Task MarkSentAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }
        await using var command = await CommandAsync($"""
            UPDATE {table} SET "Status" = '{nameof(DeliveryStatus.Sent)}', "SentAt" = @now, "Attempts" = "Attempts" + 1, "ClaimedUntil" = NULL, "LastError" = NULL
            WHERE "Id" IN ({string.Join(",", ids)})
            """, cancellationToken, ("now", now));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a failed attempt: deferred until <paramref name="next"/>, or failed for good.</summary>
    public async Task MarkFailedAttemptAsync(long id, DeliveryStatus status, DateTimeOffset next, string error, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"""
            UPDATE {table} SET "Status" = @status, "NextAttemptAt" = @next, "Attempts" = "Attempts" + 1, "ClaimedUntil" = NULL, "LastError" = @error
            WHERE "Id" = {id}
            """, cancellationToken, ("status", status.ToString()), ("next", next), ("error", error.Length > 1000 ? error[..1000] : error));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks complete the given dispatches that have no pending row left; returns those it marked.</summary>
    public async Task<List<Guid>> CompleteAsync(IReadOnlyCollection<Guid> dispatchIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var completed = new List<Guid>();
        foreach (var id in dispatchIds)
        {
            await using var command = await CommandAsync($"""
                UPDATE dispatches SET "CompletedAt" = @now
                WHERE "Id" = @id AND "CompletedAt" IS NULL
                  AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d."DispatchId" = @id AND d."Status" IN {Pending})
                """, cancellationToken, ("now", now), ("id", id));
            if (await command.ExecuteNonQueryAsync(cancellationToken) > 0)
            {
                completed.Add(id);
            }
        }
        return completed;
    }

    private async Task<DbCommand> CommandAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value switch
            {
                DateTimeOffset instant => ProviderValues.Instant(db, instant),
                Guid guid when db.Database.IsSqlite() => guid.ToString().ToUpperInvariant(),
                _ => value,
            };
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
