namespace SecComms.Core.Policy;

/// <summary>Holds the policy in force for this process; <see cref="PolicyVersions"/> decides what that is.</summary>
public sealed class PolicyStore(SecCommsPolicy initial, string yaml, string source)
{
    private Snapshot _current = new(initial, yaml, source);

    public SecCommsPolicy Current => Volatile.Read(ref _current).Policy;

    public string Yaml => Volatile.Read(ref _current).Yaml;

    public string Source => Volatile.Read(ref _current).Source;

    /// <summary>The policy named by configuration (<c>Policy:Path</c>), or the built-in default.</summary>
    public static PolicyStore FromConfiguration(string? path)
    {
        var yaml = string.IsNullOrEmpty(path) ? PolicyLoader.DefaultYaml() : File.ReadAllText(path);
        var source = string.IsNullOrEmpty(path) ? PolicyLoader.DefaultSource : path;
        return new PolicyStore(PolicyLoader.Parse(yaml, source), yaml, source);
    }

    internal void Use(SecCommsPolicy policy, string yaml, string source) => Volatile.Write(ref _current, new Snapshot(policy, yaml, source));

    private sealed record Snapshot(SecCommsPolicy Policy, string Yaml, string Source);
}
