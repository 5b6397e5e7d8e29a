package io.credmark.cli;

public final class Main {
    public static void main(String[] args) {
        System.out.println("credmark");
    }
}
