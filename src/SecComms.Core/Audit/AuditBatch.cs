using System.Text;

namespace SecComms.Core.Audit;

/// <summary>
/// A run of stored events as their bytes: sequence numbers and instants, and the UTF-8 text of the other columns one
/// after another, so verifying reads, hashes and compares without making a string or an object per event.
/// </summary>
internal sealed class AuditBatch(int capacity)
{
    public const int Actor = 0, Action = 1, Entity = 2, Data = 3, PrevHash = 4, Hash = 5;
    private const int Fields = 6;

    private readonly long[] _seq = new long[capacity];
    private readonly DateTimeOffset[] _at = new DateTimeOffset[capacity];
    private readonly int[] _ends = new int[capacity * Fields];
    private byte[] _text = new byte[capacity * 512];
    private int _length;

    public int Count { get; private set; }

    public bool IsFull => Count == capacity;

    public long Seq(int row) => _seq[row];

    public DateTimeOffset At(int row) => _at[row];

    public ReadOnlySpan<byte> Field(int row, int field)
    {
        var index = row * Fields + field;
        var start = index == 0 ? 0 : _ends[index - 1];
        return _text.AsSpan(start, _ends[index] - start);
    }

    public void Start(long seq, DateTimeOffset at)
    {
        _seq[Count] = seq;
        _at[Count] = at;
    }

    public void Append(int field, ReadOnlySpan<byte> utf8)
    {
        Reserve(utf8.Length);
        utf8.CopyTo(_text.AsSpan(_length));
        _length += utf8.Length;
        _ends[Count * Fields + field] = _length;
    }

    public void Append(int field, string text)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _text.AsSpan(_length));
        _ends[Count * Fields + field] = _length;
    }

    public void End() => Count++;

    private void Reserve(int bytes)
    {
        if (_length + bytes > _text.Length)
        {
            Array.Resize(ref _text, Math.Max(_text.Length * 2, _length + bytes));
        }
    }
}
