using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SecComms.Core.Data;

/// <summary>Values for hand-written SQL, stored the way the model stores them on the provider in use.</summary>
internal static class ProviderValues
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteInstant = new();

    /// <summary>An instant as its column holds it: an integer on SQLite (see <see cref="SecCommsDb"/>), a timestamp on PostgreSQL.</summary>
    public static object Instant(SecCommsDb db, DateTimeOffset value) =>
        db.Database.IsSqlite() ? SqliteInstant.ConvertToProvider(value)! : value;
}
