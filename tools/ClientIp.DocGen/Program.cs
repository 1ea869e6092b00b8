using System;
using System.IO;
using System.Linq;
using ClientIp.DocGen;

// Rewrites the README rule table and the package's default global config from the descriptors compiled into
// ClientIp.Analyzers. From the repository root:
//   dotnet run --project tools/ClientIp.DocGen               rewrite the files
//   dotnet run --project tools/ClientIp.DocGen -- --check    only verify; exit code 1 when they drifted
var check = args.Contains("--check");
var root = RepositoryRoot.Find(args.SkipWhile(a => a != "--root").Skip(1).FirstOrDefault() ?? Directory.GetCurrentDirectory());
var rules = RuleMetadata.LoadRules();
var files = new[]
{
    (Path: Path.Combine(root, "README.md"),
     Expected: RuleMetadata.ReplaceReadmeTable(File.ReadAllText(Path.Combine(root, "README.md")), RuleMetadata.RenderReadmeTable(rules))),
    (Path: Path.Combine(root, RuleMetadata.GlobalConfigPath),
     Expected: RuleMetadata.RenderGlobalConfig(rules, RuleMetadata.LoadOptionDefaults(root))),
};

var drifted = 0;
foreach (var (path, expected) in files)
{
    var actual = File.Exists(path) ? File.ReadAllText(path) : null;
    if (actual == expected)
    {
        continue;
    }

    drifted++;
    if (check)
    {
        Console.Error.WriteLine($"{Path.GetRelativePath(root, path)} is out of date; run: {RuleMetadata.RegenerateCommand}");
    }
    else
    {
        File.WriteAllText(path, expected);
        Console.WriteLine($"updated {Path.GetRelativePath(root, path)}");
    }
}

Console.WriteLine($"{rules.Count} rules; {drifted} file(s) {(check ? "out of date" : "rewritten")}.");
return check && drifted > 0 ? 1 : 0;
