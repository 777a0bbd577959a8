using System.Buffers;
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

    public static string Compute(string prevHash, long seq, DateTimeOffset at, string actor, string action, string entity, string data)
    {
        using var hasher = new AuditHasher();
        return hasher.Compute(prevHash, seq, at, actor, action, entity, data);
    }
}

/// <summary>
/// Hashes events as docs/audit-trail.md defines it: lowercase hex of SHA-256(UTF-8(prevHash + "\n" + canonical)), where
/// canonical is the JSON object {"Seq","At","Actor","Action","Entity","Data"} as System.Text.Json writes it by default.
/// </summary>
/// <remarks>
/// One hasher reuses its buffers for every event, so that verifying a chain of millions costs hashing, not allocating:
/// the JSON is written straight to bytes and the hash compared without making its hex string.
/// </remarks>
internal sealed class AuditHasher : IDisposable
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly ArrayBufferWriter<byte> _json = new(1024);
    private readonly Utf8JsonWriter _writer;
    private readonly byte[] _prefix = new byte[65];
    private readonly byte[] _hash = new byte[32];
    private readonly char[] _hex = new char[64];
    private readonly byte[] _hexUtf8 = new byte[64];

    public AuditHasher()
    {
        _writer = new Utf8JsonWriter(_json);
    }

    public string Compute(string prevHash, long seq, DateTimeOffset at, string actor, string action, string entity, string data)
    {
        Hash(prevHash, seq, at, actor, action, entity, data);
        return new string(_hex);
    }

    public bool Matches(AuditEvent e, string prevHash)
    {
        Hash(prevHash, e.Seq, e.At, e.Actor, e.Action, e.Entity, e.Data);
        return e.Hash.AsSpan().SequenceEqual(_hex);
    }

    /// <summary>Whether the row's hash is that of its content linked to the hash the row itself stores before it.</summary>
    public bool Matches(AuditBatch batch, int row)
    {
        Begin(batch.Seq(row), batch.At(row));
        _writer.WriteString("Actor"u8, batch.Field(row, AuditBatch.Actor));
        _writer.WriteString("Action"u8, batch.Field(row, AuditBatch.Action));
        _writer.WriteString("Entity"u8, batch.Field(row, AuditBatch.Entity));
        _writer.WriteString("Data"u8, batch.Field(row, AuditBatch.Data));
        _writer.WriteEndObject();
        _writer.Flush();
        _sha256.AppendData(batch.Field(row, AuditBatch.PrevHash));
        _sha256.AppendData("\n"u8);
        _sha256.AppendData(_json.WrittenSpan);
        _sha256.GetHashAndReset(_hash);
        Convert.TryToHexStringLower(_hash, _hexUtf8, out _);
        return batch.Field(row, AuditBatch.Hash).SequenceEqual(_hexUtf8);
    }

    private void Begin(long seq, DateTimeOffset at)
    {
        _json.ResetWrittenCount();
        _writer.Reset(_json);
        _writer.WriteStartObject();
        _writer.WriteNumber("Seq"u8, seq);
        Span<char> instant = stackalloc char[24];
        at.UtcDateTime.TryFormat(instant, out var length, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        _writer.WriteString("At"u8, instant[..length]);
    }

    private void Hash(string prevHash, long seq, DateTimeOffset at, string actor, string action, string entity, string data)
    {
        Begin(seq, at);
        _writer.WriteString("Actor"u8, actor);
        _writer.WriteString("Action"u8, action);
        _writer.WriteString("Entity"u8, entity);
        _writer.WriteString("Data"u8, data);
        _writer.WriteEndObject();
        _writer.Flush();

        if (prevHash.Length == 64 && Ascii.FromUtf16(prevHash, _prefix, out _) == OperationStatus.Done)
        {
            _prefix[64] = (byte)'\n';
            _sha256.AppendData(_prefix);
        }
        else
        {
            _sha256.AppendData(Encoding.UTF8.GetBytes(prevHash + "\n"));
        }
        _sha256.AppendData(_json.WrittenSpan);
        _sha256.GetHashAndReset(_hash);
        Convert.TryToHexStringLower(_hash, _hex, out _);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _sha256.Dispose();
    }
}
