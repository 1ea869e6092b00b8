using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ClientIp.Analyzers.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ClientIp.CodeFixes.Reads;

/// <summary>
/// After a rewrite, removes the locals that only fed the header read (<c>var headers = ctx.Request.Headers;</c>,
/// <c>var xff = headers["X-Forwarded-For"].ToString();</c>): every use is inside code the plan rewrites or deletes,
/// and the initializer has no effect of its own. Repeats, since removing one local can free the one it read. Private
/// fields that only held the header's name (<c>private static readonly string Header = "X-Real-IP";</c>) go too: left
/// unused they would warn (CS0414), an error under <c>-warnaserror</c>.
/// </summary>
internal static class UnusedLocalRemover
{
    public static void AddRemovals(RewritePlan plan, SemanticModel model, WellKnownSymbols symbols, CancellationToken cancellationToken)
    {
        var pending = new Queue<ILocalSymbol>(plan.CandidateLocals);
        var seen = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        while (pending.Count > 0)
        {
            var local = pending.Dequeue();
            if (!seen.Add(local) ||
                local.DeclaringSyntaxReferences.Length != 1 ||
                local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator ||
                declarator.Parent?.Parent is not LocalDeclarationStatementSyntax { Parent: BlockSyntax scope } statement ||
                plan.Targets.Any(t => t.Span.Contains(declarator.Span)) ||
                WrittenAgain(plan, local.Name) ||
                !IsRemovableInitializer(initializer, model, symbols, cancellationToken))
            {
                continue;
            }

            var targets = plan.Targets.ToArray();
            var stillUsed = scope.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(id => id.Identifier.ValueText == local.Name && !declarator.Span.Contains(id.Span))
                .Where(id => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, cancellationToken).Symbol, local))
                .Any(id => !targets.Any(t => t.Span.Contains(id.Span)));
            if (stillUsed)
            {
                continue;
            }

            var declaration = (VariableDeclarationSyntax)declarator.Parent!;
            plan.Remove(declaration.Variables.Count == 1 ? statement : declarator);
            foreach (var identifier in initializer.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol source)
                {
                    pending.Enqueue(source);
                }
            }
        }
    }

    /// <summary>Private non-constant fields the plan's code read and nothing else in their type reads any more.</summary>
    public static void AddFieldRemovals(RewritePlan plan, SemanticModel model, WellKnownSymbols symbols, CancellationToken cancellationToken)
    {
        var targets = plan.Targets.ToArray();
        var fields = targets.SelectMany(t => t.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            .Select(id => model.GetSymbolInfo(id, cancellationToken).Symbol as IFieldSymbol)
            .Where(f => f is { DeclaredAccessibility: Accessibility.Private, IsConst: false, DeclaringSyntaxReferences.Length: 1 } &&
                        f.ContainingType.DeclaringSyntaxReferences.Length == 1)
            .Distinct(SymbolEqualityComparer.Default)
            .Cast<IFieldSymbol>();
        foreach (var field in fields)
        {
            if (field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator ||
                declarator.SyntaxTree != model.SyntaxTree ||
                declarator.Parent is not VariableDeclarationSyntax { Parent: FieldDeclarationSyntax declaration } variables ||
                !IsRemovableInitializer(initializer, model, symbols, cancellationToken) ||
                targets.Any(t => t.Span.Contains(declarator.Span)) ||
                WrittenAgain(plan, field.Name))
            {
                continue;
            }

            var type = field.ContainingType.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var stillRead = type.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(id => id.Identifier.ValueText == field.Name && !declarator.Span.Contains(id.Span) && !targets.Any(t => t.Span.Contains(id.Span)))
                .Any(id => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, cancellationToken).Symbol, field));
            if (!stillRead)
            {
                plan.Remove(variables.Variables.Count == 1 ? declaration : declarator);
            }
        }
    }

    /// <summary>
    /// Whether a replacement still names the variable (<c>ctx?.Request.Headers[...] ?? ctx?.Connection...</c> becomes
    /// <c>ctx?.GetClientIpAddress()</c>): the new code is not bound yet, so any identifier of that name keeps it.
    /// </summary>
    private static bool WrittenAgain(RewritePlan plan, string name) =>
        plan.Replacements.Any(r => r.Value.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(id => id.Identifier.ValueText == name));

    /// <summary>Only reads: names, member and element accesses, and calls on the one side-effect-free list.</summary>
    private static bool IsRemovableInitializer(ExpressionSyntax initializer, SemanticModel model, WellKnownSymbols symbols, CancellationToken cancellationToken) =>
        initializer.DescendantNodesAndSelf().All(n => n switch
        {
            AssignmentExpressionSyntax or AwaitExpressionSyntax or BaseObjectCreationExpressionSyntax => false,
            InvocationExpressionSyntax invocation =>
                SideEffectFreeMethods.IsSideEffectFree(model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol, symbols),
            _ => true,
        });
}
