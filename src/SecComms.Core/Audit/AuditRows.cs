using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SecComms.Core.Data;
using SQLitePCL;

namespace SecComms.Core.Audit;

/// <summary>The whole chain in sequence order, read straight from the database reader in batches, for verification.</summary>
/// <remarks>
/// Columns and the stored form of the instant come from the model, so this reads exactly what EF Core writes on either
/// provider, without tracking, projecting or awaiting each row. On SQLite the text is copied as the bytes SQLite holds.
/// </remarks>
internal sealed class AuditRows(SecCommsDb db)
{
    private static readonly string[] Columns = ["Seq", "At", "Actor", "Action", "Entity", "Data", "PrevHash", "Hash"];

    public async IAsyncEnumerable<AuditBatch> ReadAsync(int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(AuditEvent)) ?? throw new InvalidOperationException("The model has no audit events.");
        var sql = db.GetService<ISqlGenerationHelper>();
        string Column(string name) => sql.DelimitIdentifier(entity.FindProperty(name)?.GetColumnName() ?? name);
        var readAt = InstantReader(entity.FindProperty(nameof(AuditEvent.At))?.GetTypeMapping().Converter);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandTimeout = 0;
            command.CommandText = $"SELECT {string.Join(", ", Columns.Select(Column))} " +
                $"FROM {sql.DelimitIdentifier(entity.GetTableName() ?? "audit_events")} ORDER BY {Column("Seq")}";
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            var batch = new AuditBatch(batchSize);
            while (await reader.ReadAsync(cancellationToken))
            {
                batch.Start(reader.GetInt64(0), readAt(reader));
                for (var field = 0; field < 6; field++)
                {
                    if (reader is SqliteDataReader { Handle: { } statement })
                    {
                        batch.Append(field, raw.sqlite3_column_blob(statement, field + 2));
                    }
                    else
                    {
                        batch.Append(field, reader.GetString(field + 2));
                    }
                }
                batch.End();
                if (batch.IsFull)
                {
                    yield return batch;
                    batch = new AuditBatch(batchSize);
                }
            }
            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static Func<DbDataReader, DateTimeOffset> InstantReader(ValueConverter? converter) => converter switch
    {
        null => r => r.GetFieldValue<DateTimeOffset>(1),
        ValueConverter<DateTimeOffset, long> stored => r => stored.ConvertFromProviderTyped(r.GetInt64(1)),
        _ => r => (DateTimeOffset)(converter.ConvertFromProvider(r.GetValue(1)) ?? throw new InvalidDataException("An audit event has no instant.")),
    };
}
