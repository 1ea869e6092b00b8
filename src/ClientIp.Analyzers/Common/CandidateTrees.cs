using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.Analyzers.Common;

/// <summary>
/// The files of a compilation where a finding can be, told by their text: those that mention a member a rule matches
/// by name (<c>RemoteIpAddress</c>, <c>KnownProxies</c>, <c>UseForwardedHeaders</c> ...), a value a finding needs (a
/// client-IP header or server-variable name, in any case), or a field, property or method declared elsewhere with such
/// a value (<c>Headers[Names.ClientAddress]</c> where <c>Names.ClientAddress = "X-Real-IP"</c>, a list of header names,
/// a helper whose parameter defaults to one; followed through up to four declarations).
/// </summary>
/// <remarks>
/// Every call, property reference and attribute list of a project reaches the analyzer, and most of our own work was
/// asking each one's member for its name. In a file that mentions none of the above no rule can find anything, so they
/// are turned away on their file alone (bench/analyzer-cost/README.md, lever 15). The answer is found once per
/// compilation, at compilation start (before any callback can ask, so none waits on another's search; lever 16), with
/// one search over every file's text (most projects: a few files are candidates); what
/// a file mentions is kept with its tree, so an IDE's next compilation searches only the files that changed. A file the
/// compilation does not have is a candidate, so nothing is ever missed for want of an answer.
/// </remarks>
internal sealed class CandidateTrees
{
    private const int MaxDeclarationRounds = 4;

    private readonly Dictionary<SyntaxTree, Answer> _answers;
    private Answer? _last;

    private CandidateTrees(Dictionary<SyntaxTree, Answer> answers) => _answers = answers;

    /// <summary>Whether a finding can be in <paramref name="tree"/> (true for a tree this compilation does not have, or none).</summary>
    public bool Contains(SyntaxTree? tree)
    {
        if (tree is null)
        {
            return true;
        }

        // Operations come file by file, so the last answer is nearly always the one asked for again.
        var last = Volatile.Read(ref _last);
        if (last is not null && ReferenceEquals(last.Tree, tree))
        {
            return last.IsCandidate;
        }

        if (!_answers.TryGetValue(tree, out var answer))
        {
            return true;
        }

        Volatile.Write(ref _last, answer);
        return answer.IsCandidate;
    }

    /// <summary>Tells the files of <paramref name="compilation"/> apart.</summary>
    /// <param name="compilation">The compilation whose trees are told apart.</param>
    /// <param name="witnesses">What a file with a finding mentions.</param>
    /// <param name="ct">Cancels the search.</param>
    public static CandidateTrees Find(Compilation compilation, Witnesses witnesses, CancellationToken ct)
    {
        var answers = new Dictionary<SyntaxTree, Answer>();
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>();
        var matches = new List<TextMatch>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var mentions = witnesses.Of(tree, ct);
            answers[tree] = new Answer(tree, mentions.Any);
            foreach (var name in mentions.DeclaredNames)
            {
                if (declared.Add(name))
                {
                    names.Add(name);
                }
            }
        }

        // Names declared with a value: the files that use them are candidates, and so are the declarations that
        // are made of them (const string Header = Prefix + "For"), whose names are followed in the next round.
        for (var round = 0; round < MaxDeclarationRounds && names.Count > 0; round++)
        {
            var search = new SourceTextSearch(names.ToArray());
            names = new List<string>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                matches.Clear();
                search.FindAll(tree.GetText(ct), matches, ct);
                if (matches.Count == 0)
                {
                    continue;
                }

                answers[tree].IsCandidate = true;
                foreach (var match in matches)
                {
                    if (DeclaredName(tree, match.Position, ct) is { } name && declared.Add(name))
                    {
                        names.Add(name);
                    }
                }
            }
        }

        return new CandidateTrees(answers);
    }

    /// <summary>The name other files would use to reach text at <paramref name="position"/>, if it is in such a declaration.</summary>
    private static string? DeclaredName(SyntaxTree tree, int position, CancellationToken ct)
    {
        for (var node = tree.GetRoot(ct).FindToken(position).Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax, Identifier.ValueText: { Length: > 0 } field }:
                    return field;
                case PropertyDeclarationSyntax { Identifier.ValueText: { Length: > 0 } property }:
                    return property;
                case ParameterSyntax { Default: not null, Parent.Parent: var owner }:
                    // A helper called without the argument: its callers name the method (or the type, for a constructor).
                    return owner switch
                    {
                        MethodDeclarationSyntax method => method.Identifier.ValueText,
                        LocalFunctionStatementSyntax function => function.Identifier.ValueText,
                        ConstructorDeclarationSyntax constructor => constructor.Identifier.ValueText,
                        TypeDeclarationSyntax type => type.Identifier.ValueText,
                        _ => null,
                    } is { Length: > 0 } name ? name : null;
                case StatementSyntax or MemberDeclarationSyntax or AttributeSyntax:
                    return null; // in a body (a local, a read: this file is a candidate itself) or elsewhere
            }
        }

        return null;
    }

    /// <summary>
    /// What a file with a finding mentions: values (compared ignoring case) and names standing for one, whose
    /// declarations are followed into other files, and member names.
    /// </summary>
    internal sealed class Witnesses
    {
        private readonly SourceTextSearch _search;
        private readonly int _valueCount;
        private readonly ConditionalWeakTable<SyntaxTree, FileMentions> _files = new();

        /// <param name="values">Values, compared ignoring case.</param>
        /// <param name="valueNames">Names that stand for a value (a constant of another assembly), compared ordinally.</param>
        /// <param name="members">Member names, compared ordinally.</param>
        public Witnesses(IEnumerable<string> values, IEnumerable<string> valueNames, IEnumerable<string> members)
        {
            var needles = new List<string>(values);
            var ignoringCase = needles.Count;
            needles.AddRange(valueNames);
            _valueCount = needles.Count;
            needles.AddRange(members);
            var ignoreCase = new bool[needles.Count];
            for (var i = 0; i < ignoringCase; i++)
            {
                ignoreCase[i] = true;
            }

            _search = new SourceTextSearch(needles.ToArray(), ignoreCase);
        }

        /// <summary>
        /// What <paramref name="tree"/> mentions, kept with the tree: an IDE keeps a file's tree across the compilations
        /// of edits elsewhere, so only edited files are searched again.
        /// </summary>
        public FileMentions Of(SyntaxTree tree, CancellationToken ct) =>
            _files.TryGetValue(tree, out var known) ? known : _files.GetValue(tree, _ => Search(tree, ct));

        private FileMentions Search(SyntaxTree tree, CancellationToken ct)
        {
            var matches = new List<TextMatch>();
            _search.FindAll(tree.GetText(ct), matches, ct);
            var declared = new List<string>();
            foreach (var match in matches)
            {
                if (match.Needle < _valueCount && DeclaredName(tree, match.Position, ct) is { } name && !declared.Contains(name))
                {
                    declared.Add(name);
                }
            }

            return new FileMentions(matches.Count > 0, declared.ToArray());
        }
    }

    /// <summary>Whether a file mentions a witness, and the names declared there with a value.</summary>
    internal sealed class FileMentions
    {
        public FileMentions(bool any, string[] declaredNames)
        {
            Any = any;
            DeclaredNames = declaredNames;
        }

        public bool Any { get; }
        public string[] DeclaredNames { get; }
    }

    /// <summary>One file's answer; kept as an object so the last one can be remembered without a lock.</summary>
    private sealed class Answer
    {
        public Answer(SyntaxTree tree, bool isCandidate)
        {
            Tree = tree;
            IsCandidate = isCandidate;
        }

        public SyntaxTree Tree { get; }

        // Set only while finding, before the answers are published.
        public bool IsCandidate { get; set; }
    }
}
