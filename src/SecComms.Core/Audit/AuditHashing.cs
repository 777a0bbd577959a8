using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SecComms.Core.Audit;

internal static class AuditHashing
{
    public static readonly string GenesisHash = new('0', 64);

    /// <remarks>Instants are kept to the millisecond so that both providers store exactly what was hashed.</remarks>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static string Canonical(AuditEvent e) => Canonical(e.Seq, e.At, e.Actor, e.Action, e.Entity, e.Data);

    public static string Canonical(long seq, DateTimeOffset at, string actor, string action, string entity, string data) =>
        JsonSerializer.Serialize(new CanonicalEvent(
            seq,
            at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            actor,
            action,
            entity,
            data));

    public static string Compute(string prevHash, string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prevHash + "\n" + canonical)));

    private sealed record CanonicalEvent(long Seq, string At, string Actor, string Action, string Entity, string Data);
}
