package io.releasewatch; public class Application { public static void main(String[] a){} }
