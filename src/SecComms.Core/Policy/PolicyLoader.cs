using System.Security.Cryptography;
using System.Text;

namespace SecComms.Core.Policy;

public static class PolicyLoader
{
    public const string DefaultSource = "default-policy.yaml";

    public static string DefaultYaml()
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream("SecComms.Core.Policy.default-policy.yaml")
            ?? throw new InvalidOperationException("The default policy is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static SecCommsPolicy LoadDefault() => Parse(DefaultYaml(), DefaultSource);

    public static SecCommsPolicy LoadFile(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Validates and reads a policy; throws <see cref="InvalidPolicyException"/> listing every problem with its line.</summary>
    public static SecCommsPolicy Parse(string yaml, string source)
    {
        var (name, teams, categories, exceptions, safe, releases, incidents, publishers) = new PolicyReader(source).Read(yaml);
        return new SecCommsPolicy(name, Hash(yaml), teams, categories, exceptions, safe)
        {
            Releases = releases,
            Incidents = incidents,
            Publishers = publishers,
        };
    }

    public static string Hash(string yaml) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
}
