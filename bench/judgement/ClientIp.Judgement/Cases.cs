using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace ClientIp.Judgement;

/// <summary>
/// A diagnostic a case expects: its id and where, in which file of the case. Markers with the same group suffix
/// (<c>{|CIP0003#a:...|}</c>, <c>{|CIP0005#a:...|}</c>) form one expectation: several places, possibly under different
/// rules, where the one mistake may fairly be reported (e.g. either step of a derivation).
/// </summary>
internal sealed record Expectation(IReadOnlyList<(string Id, string File, TextSpan Span)> Places)
{
    public string Id => Places[0].Id;

    public string File => Places[0].File;

    public TextSpan Span => Places[0].Span;
}

/// <summary>One source file of a case, without markup.</summary>
internal sealed record CaseFile(string Name, string Text);

/// <summary>
/// One realistic piece of code: one or more files (separated by <c>// file: Name.cs</c> lines) in which every expected
/// diagnostic is marked <c>{|CIP0002:...|}</c>. Unmarked code must stay quiet.
/// </summary>
internal sealed record Case(string Name, string Family, IReadOnlyList<CaseFile> Files, IReadOnlyList<Expectation> Expected)
{
    public static IReadOnlyList<Case> LoadAll(string folder) =>
        Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => Parse(Path.GetRelativePath(folder, p).Replace('\\', '/'), File.ReadAllText(p)))
            .ToList();

    public static Case Parse(string name, string text)
    {
        var files = new List<CaseFile>();
        var expected = new List<(string Marker, string File, TextSpan Span)>();
        var family = name.Contains('/') ? name[..name.IndexOf('/')] : "misc";
        var current = "Case.cs";
        var body = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith("// file: ", StringComparison.Ordinal))
            {
                if (body.ToString().Trim().Length > 0)
                {
                    files.Add(Unmark(current, body.ToString(), expected));
                }

                current = trimmed["// file: ".Length..].Trim();
                body.Clear();
                continue;
            }

            body.Append(trimmed).Append('\n');
        }

        files.Add(Unmark(current, body.ToString(), expected));
        return new Case(name, family, files, Group(expected));
    }

    /// <summary>Removes <c>{|ID:</c> and <c>|}</c> markers (which may nest) and records the spans they enclose.</summary>
    /// <summary>Markers of one group (same <c>ID#group</c>) become one expectation with several places.</summary>
    private static List<Expectation> Group(List<(string Marker, string File, TextSpan Span)> markers)
    {
        var result = new List<Expectation>();
        foreach (var group in markers.GroupBy(m => m.Marker.Contains('#') ? m.Marker[m.Marker.IndexOf('#')..] : m.Marker + "@" + m.File + ":" + m.Span.Start))
        {
            result.Add(new Expectation(group.Select(m => (Id: m.Marker.Split('#')[0], m.File, m.Span)).ToList()));
        }

        return result;
    }

    private static CaseFile Unmark(string file, string marked, List<(string Marker, string File, TextSpan Span)> expected)
    {
        var output = new StringBuilder(marked.Length);
        var open = new Stack<(string Id, int Start)>();
        for (var i = 0; i < marked.Length; i++)
        {
            if (marked[i] == '{' && i + 1 < marked.Length && marked[i + 1] == '|')
            {
                var colon = marked.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException($"{file}: '{{|' without an id");
                }

                open.Push((marked[(i + 2)..colon], output.Length));
                i = colon;
                continue;
            }

            if (marked[i] == '|' && i + 1 < marked.Length && marked[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add((id, file, TextSpan.FromBounds(start, output.Length)));
                i++;
                continue;
            }

            output.Append(marked[i]);
        }

        if (open.Count > 0)
        {
            throw new FormatException($"{file}: unclosed marker {open.Peek().Id}");
        }

        return new CaseFile(file, output.ToString());
    }
}
