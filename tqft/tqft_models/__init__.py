"""TQFTs as functors: 2D TQFTs from commutative Frobenius algebras, Turaev-Viro and
Ponzano-Regge state sums on triangulated 3-manifolds and cobordisms, and
Reshetikhin-Turaev invariants from SU(2)_k modular data."""
