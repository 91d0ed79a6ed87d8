// Package audiotest holds measurement helpers for Govox's Go tests:
// frequency estimation, spectra, alias energy, level and filter response.
//
// The helpers favour clarity and accuracy over speed; they allocate freely
// and are never used outside tests.
package audiotest
