using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SecComms.Core.Data;

namespace SecComms.Core.Audit;

/// <summary>The whole chain in sequence order, read straight from the database reader in batches, for verification.</summary>
/// <remarks>
/// Columns and the stored form of the instant come from the model, so this reads exactly what EF Core writes on either
/// provider, without tracking, projecting or awaiting each row.
/// </remarks>
internal sealed class AuditRows(SecCommsDb db)
{
    private static readonly string[] Columns = ["Seq", "At", "Actor", "Action", "Entity", "Data", "PrevHash", "Hash"];

    public async IAsyncEnumerable<(AuditEvent[] Batch, int Count)> ReadAsync(int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
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
            command.CommandText =
                $"SELECT {string.Join(", ", Columns.Select(Column))} " +
                $"FROM {sql.DelimitIdentifier(entity.GetTableName() ?? "audit_events")} ORDER BY {Column("Seq")}";
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            var batch = new AuditEvent[batchSize];
            var count = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                batch[count++] = new AuditEvent
                {
                    Seq = reader.GetInt64(0),
                    At = readAt(reader),
                    Actor = reader.GetString(2),
                    Action = reader.GetString(3),
                    Entity = reader.GetString(4),
                    Data = reader.GetString(5),
                    PrevHash = reader.GetString(6),
                    Hash = reader.GetString(7),
                };
                if (count == batchSize)
                {
                    yield return (batch, count);
                    batch = new AuditEvent[batchSize];
                    count = 0;
                }
            }
            if (count > 0)
            {
                yield return (batch, count);
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
