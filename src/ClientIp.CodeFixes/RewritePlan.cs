using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ClientIp.CodeFixes;

/// <summary>
/// The edits one fix makes, all on nodes of the original tree: replacements and removals. Locals that the edits
/// may leave unused are collected so <see cref="UnusedLocalRemover"/> can remove the ones the header read needed.
/// </summary>
internal sealed class RewritePlan
{
    public List<KeyValuePair<SyntaxNode, SyntaxNode>> Replacements { get; } = new();

    public List<SyntaxNode> Removals { get; } = new();

    public HashSet<ILocalSymbol> CandidateLocals { get; } = new(SymbolEqualityComparer.Default);

    public RewritePlan Replace(SyntaxNode target, SyntaxNode replacement)
    {
        Replacements.Add(new KeyValuePair<SyntaxNode, SyntaxNode>(target, replacement.WithTriviaFrom(target)));
        return this;
    }

    public RewritePlan Remove(SyntaxNode target)
    {
        Removals.Add(target);
        return this;
    }

    /// <summary>Every node this plan rewrites or deletes.</summary>
    public IEnumerable<SyntaxNode> Targets
    {
        get
        {
            foreach (var replacement in Replacements)
            {
                yield return replacement.Key;
            }

            foreach (var removal in Removals)
            {
                yield return removal;
            }
        }
    }
}
