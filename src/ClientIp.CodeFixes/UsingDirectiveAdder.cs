using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.CodeFixes;

/// <summary>
/// Adds <c>using ClientIp;</c> where the file keeps its usings (top of the file, or inside its namespace), in
/// sorted position (System first when the file does so), with the indentation and line endings of its neighbours.
/// The Simplifier's import annotation cannot be used here: it adds imports for annotated types, and the fix calls
/// an extension method, whose namespace it does not import.
/// </summary>
internal static class UsingDirectiveAdder
{
    public static CompilationUnitSyntax Add(CompilationUnitSyntax unit, string namespaceName)
    {
        var owner = UsingsOwner(unit);
        var usings = owner is BaseNamespaceDeclarationSyntax ns ? ns.Usings : unit.Usings;
        var endOfLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (endOfLine == default)
        {
            endOfLine = SyntaxFactory.CarriageReturnLineFeed;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName).WithLeadingTrivia(SyntaxFactory.Space));
        if (usings.Count == 0)
        {
            // No usings yet: one at the top of the file, then a blank line, after any header comment.
            var first = unit.GetFirstToken(includeZeroWidth: true);
            var newUnit = unit.ReplaceToken(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList()));
            directive = directive.WithLeadingTrivia(first.LeadingTrivia).WithTrailingTrivia(endOfLine, endOfLine);
            return newUnit.WithUsings(newUnit.Usings.Add(directive));
        }

        var plain = usings.Where(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.GlobalKeyword.IsKind(SyntaxKind.None)).ToList();
        var systemFirst = plain.Count > 0 && IsSystem(plain[0]);
        var before = plain.FirstOrDefault(u => Compare(namespaceName, u.Name!.ToString(), systemFirst) < 0);
        int index;
        if (before is not null)
        {
            index = usings.IndexOf(before);
        }
        else
        {
            var lastPlain = plain.LastOrDefault();
            index = lastPlain is null ? usings.Count : usings.IndexOf(lastPlain) + 1;
        }

        var neighbour = usings[Math.Min(index, usings.Count - 1)];
        var indentation = neighbour.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
        directive = directive
            .WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation))
            .WithTrailingTrivia(endOfLine);

        var newUsings = usings;
        if (index == 0)
        {
            // The first using carries the file header: the new first one takes it over.
            directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
            newUsings = newUsings.Replace(usings[0], usings[0].WithLeadingTrivia(directive.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault() is var ws && ws != default ? SyntaxFactory.TriviaList(ws) : SyntaxFactory.TriviaList()));
        }
        else if (index == usings.Count)
        {
            // Appending after the last using: that one may end with a blank line that belongs after the block.
            var last = usings[usings.Count - 1];
            directive = directive.WithTrailingTrivia(last.GetTrailingTrivia());
            newUsings = newUsings.Replace(last, last.WithTrailingTrivia(endOfLine));
        }

        newUsings = newUsings.Insert(index, directive);
        return owner is BaseNamespaceDeclarationSyntax namespaceDeclaration
            ? unit.ReplaceNode(namespaceDeclaration, namespaceDeclaration.WithUsings(newUsings))
            : unit.WithUsings(newUsings);
    }

    /// <summary>The file's usings live in the compilation unit unless only its (single) namespace has them.</summary>
    private static SyntaxNode UsingsOwner(CompilationUnitSyntax unit)
    {
        if (unit.Usings.Count > 0)
        {
            return unit;
        }

        var namespaces = unit.Members.OfType<BaseNamespaceDeclarationSyntax>().ToArray();
        return namespaces.Length == 1 && namespaces[0].Usings.Count > 0 ? namespaces[0] : unit;
    }

    private static bool IsSystem(UsingDirectiveSyntax directive) => IsSystem(directive.Name!.ToString());

    private static bool IsSystem(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);

    private static int Compare(string a, string b, bool systemFirst)
    {
        if (systemFirst && IsSystem(a) != IsSystem(b))
        {
            return IsSystem(a) ? -1 : 1;
        }

        return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
