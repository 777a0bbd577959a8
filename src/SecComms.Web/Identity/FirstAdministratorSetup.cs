using System.Security.Cryptography;
using System.Text;

namespace SecComms.Web.Identity;

/// <summary>
/// A one-time code, printed at start-up while no administrator exists, that lets the operator create the first one.
/// </summary>
/// <remarks>Kept in memory only: it never touches the database, and a restart invalidates it.</remarks>
public sealed class FirstAdministratorSetup
{
    private readonly Lock _gate = new();
    private bool _used;

    public string Code { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>True exactly once, for the right code.</summary>
    public bool TryConsume(string? code)
    {
        lock (_gate)
        {
            if (_used || !IsCode(code))
            {
                return false;
            }
            _used = true;
            return true;
        }
    }

    /// <summary>Reopens the link after a consumed attempt failed (for example, the form had an error).</summary>
    public void Release()
    {
        lock (_gate)
        {
            _used = false;
        }
    }

    public bool Matches(string? code)
    {
        lock (_gate)
        {
            return !_used && IsCode(code);
        }
    }

    private bool IsCode(string? code) =>
        code is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(code), Encoding.UTF8.GetBytes(Code));
}
