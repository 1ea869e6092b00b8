namespace ClientIp.IntegrationTests.Package;

/// <summary>Where the package says it lives: the repository of its nuspec and the rule pages its diagnostics link to.</summary>
public static class Published
{
    public const string Repository = "https://github.com/clientip-analyzers/ClientIp.Analyzers";

    /// <summary>The rule page a diagnostic's help link must name.</summary>
    public static string RuleHelpLink(string id) => $"{Repository}/blob/main/docs/rules/{id}.md";
}
