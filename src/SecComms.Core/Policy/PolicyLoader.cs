using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace SecComms.Core.Policy;

/// <summary>A policy file that cannot be used, with the place and the problem.</summary>
public sealed class PolicyException(string message) : Exception(message);

public static class PolicyLoader
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .Build();

    public static SecCommsPolicy LoadDefault()
    {
        using var stream = typeof(PolicyLoader).Assembly.GetManifestResourceStream("SecComms.Core.Policy.default-policy.yaml")
            ?? throw new InvalidOperationException("The default policy is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "default-policy.yaml");
    }

    public static SecCommsPolicy LoadFile(string path) => Parse(File.ReadAllText(path), path);

    public static SecCommsPolicy Parse(string yaml, string source)
    {
        PolicyFile file;
        try
        {
            file = Yaml.Deserialize<PolicyFile?>(yaml) ?? throw new PolicyException($"{source}: the policy is empty.");
        }
        catch (YamlException e)
        {
            throw new PolicyException($"{source}, line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}");
        }

        var problems = new List<string>();
        var teams = file.Teams.ToDictionary(t => t.Key, t => new Team(t.Key, t.Value.Name ?? t.Key));
        if (teams.Count == 0)
        {
            problems.Add("no teams are defined.");
        }
        var categories = new Dictionary<string, Category>();
        foreach (var (key, c) in file.Categories)
        {
            if (c.Owner is null || !teams.ContainsKey(c.Owner))
            {
                problems.Add($"category '{key}': owner '{c.Owner}' is not one of the teams ({string.Join(", ", teams.Keys)}).");
            }
            if (c.Area is null || !Areas.All.Contains(c.Area))
            {
                problems.Add($"category '{key}': area '{c.Area}' must be one of {string.Join(", ", Areas.All)}.");
            }
            var unknownChannels = c.Channels.Where(ch => !Channels.All.Contains(ch)).ToList();
            if (c.Channels.Count == 0 || unknownChannels.Count > 0)
            {
                problems.Add($"category '{key}': channels must be some of {string.Join(", ", Channels.All)}.");
            }
            var t = c.Template ?? new TemplateFile();
            foreach (var (field, text) in new[] { ("body", t.Body), ("email-subject", t.EmailSubject), ("email-body", t.EmailBody), ("short-text", t.ShortText) })
            {
                if (Communications.CommunicationTemplates.Check(text ?? "") is { } error)
                {
                    problems.Add($"category '{key}': template {field} is not valid Liquid: {error}");
                }
            }
            categories[key] = new Category(key, c.Name ?? key, c.Area ?? "", c.Owner ?? "", c.Confidential, c.Channels,
                new CategoryTemplate(t.Body ?? "", t.EmailSubject ?? "", t.EmailBody ?? "", t.ShortText ?? ""));
        }
        if (categories.Count == 0)
        {
            problems.Add("no categories are defined.");
        }
        if (problems.Count > 0)
        {
            throw new PolicyException($"{source}: " + string.Join(" ", problems));
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        return new SecCommsPolicy(file.Name ?? source, hash, teams, categories);
    }

    private sealed class PolicyFile
    {
        public string? Name { get; set; }
        public Dictionary<string, TeamFile> Teams { get; set; } = [];
        public Dictionary<string, CategoryFile> Categories { get; set; } = [];
    }

    private sealed class TeamFile
    {
        public string? Name { get; set; }
    }

    private sealed class CategoryFile
    {
        public string? Name { get; set; }
        public string? Area { get; set; }
        public string? Owner { get; set; }
        public bool Confidential { get; set; }
        public List<string> Channels { get; set; } = [];
        public TemplateFile? Template { get; set; }
    }

    private sealed class TemplateFile
    {
        public string? Body { get; set; }
        public string? EmailSubject { get; set; }
        public string? EmailBody { get; set; }
        public string? ShortText { get; set; }
    }
}
